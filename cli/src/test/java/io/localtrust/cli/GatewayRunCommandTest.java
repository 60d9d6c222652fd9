package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway run} as a user starts it: refusals as one line with exit 2, and a real process stopped by SIGTERM. */
class GatewayRunCommandTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void init() throws Exception {
        dir = tmp.resolve("gw");
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Run test",
                "--permit", "home.arpa,192.168.0.0/16,127.0.0.0/8", "--passphrase-file", pass.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void missingDirectoryIsOneLineAndExit2() {
        Cli.Result r = Cli.run("gateway", "run", "--dir", tmp.resolve("nowhere").toString(), "--listen", "127.0.0.1:0",
                "--http-listen", "127.0.0.1:0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("localtrust: ").contains("nowhere");
        assertThat(tmp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void corruptStoreIsRefusedAndNeverReinitialised() throws Exception {
        byte[] garbage = "this is not a database, and must stay exactly as it is".repeat(100).getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("gateway.db"), garbage);
        Files.deleteIfExists(dir.resolve("gateway.db-wal"));
        Files.deleteIfExists(dir.resolve("gateway.db-shm"));
        Cli.Result r = Cli.run("gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement();
        assertThat(Files.readAllBytes(dir.resolve("gateway.db"))).isEqualTo(garbage);
    }

    @Test
    void portInUseIsOneLineAndExit2() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            Cli.Result r = Cli.run("gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0",
                    "--http-listen", "127.0.0.1:" + port);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("localtrust: 127.0.0.1:" + port + " is in use");
        }
    }

    @Test
    void badListenAddressIsExit2() {
        Cli.Result r = Cli.run("gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--listen", "HOST:PORT");
    }

    @Test
    void runsAsAProcessFollowsAShellRevokeAndStopsOnSigterm() throws Exception {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "nas.key", "-subj", "/CN=nas", "-out", "nas.csr");
        Cli.Result issued = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", tmp.resolve("nas.csr").toString(),
                "--name", "nas.home.arpa", "--approve", "--out", tmp.resolve("nas-chain.pem").toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        Matcher serial = Pattern.compile("issued serial ([0-9a-f]+)").matcher(issued.err());
        assertThat(serial.find()).isTrue();
        openssl("x509", "-in", "nas-chain.pem", "-out", "nas.pem");

        Running run = startRun();
        Process p = run.process();
        try {
            String ocspUrl = run.ocspUrl();
            String root = dir.resolve("root.pem").toString();
            String inter = dir.resolve("intermediate.pem").toString();
            assertThat(openssl("ocsp", "-issuer", inter, "-cert", "nas.pem", "-url", ocspUrl, "-CAfile", root)).contains("nas.pem: good");

            Cli.Result revoke = Cli.run("gateway", "revoke", "--dir", dir.toString(), serial.group(1), "--reason", "superseded");
            assertThat(revoke.exit()).as(revoke.err()).isZero();
            String seen = "";
            for (int i = 0; i < 30 && !seen.contains("nas.pem: revoked"); i++) {
                Thread.sleep(100);
                seen = openssl("ocsp", "-issuer", inter, "-cert", "nas.pem", "-url", ocspUrl, "-CAfile", root);
            }
            assertThat(seen).contains("nas.pem: revoked", "Reason: superseded");

            // SIGTERM as a service manager sends it (Process.destroy would also close our end of its stdout)
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("SIGTERM is a clean stop: exit 0").isZero();
            assertThat(run.out().lines().toList()).contains("Gateway stopped.");
        } finally {
            p.destroyForcibly();
        }
        Cli.Result audit = Cli.run("gateway", "audit", "--dir", dir.toString(), "verify");
        assertThat(audit.exit()).as(audit.err() + audit.out()).isZero();
    }

    /** A started {@code gateway run} process and the OCSP URL its banner printed. */
    private record Running(Process process, String ocspUrl, BufferedReader out) {
    }

    /** Starts {@code gateway run} on DIR as its own process (free loopback ports) and reads its banner. */
    private Running startRun() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"));
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("run.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> banner = new ArrayList<>();
        String ocspUrl = null;
        String line;
        while (!String.join("\n", banner).contains("Published URLs") && (line = out.readLine()) != null) { // up to its last line
            banner.add(line);
            Matcher m = Pattern.compile("e\\.g\\. (http://\\S+/ocsp)").matcher(line);
            if (m.find()) {
                ocspUrl = m.group(1);
            }
        }
        if (ocspUrl == null) {
            p.destroyForcibly();
        }
        assertThat(ocspUrl).as(banner + Files.readString(tmp.resolve("run.err"))).isNotNull();
        assertThat(String.join("\n", banner)).contains("Root SHA-256: ", "https://127.0.0.1:", "127.0.0.1");
        return new Running(p, ocspUrl, out);
    }

    @Test
    void afterNewIntermediateTheRunningGatewayStillAnswersForTheReplacedCaUntilItIsRevoked() throws Exception {
        Path pass = tmp.resolve("pass.txt");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "nas.key", "-subj", "/CN=nas", "-out", "nas.csr");
        Cli.Result issued = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", tmp.resolve("nas.csr").toString(),
                "--name", "nas.home.arpa", "--approve", "--out", tmp.resolve("nas-chain.pem").toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        openssl("x509", "-in", "nas-chain.pem", "-out", "nas.pem");
        String oldCa = openssl("x509", "-in", dir.resolve("intermediate.pem").toString(), "-noout", "-serial")
                .trim().replaceFirst("^serial=0*", "").toLowerCase(java.util.Locale.ROOT);
        Cli.Result replaced = Cli.run("gateway", "new-intermediate", "--dir", dir.toString(), "--passphrase-file", pass.toString());
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        Path kept = dir.resolve("intermediate-" + oldCa + ".pem");
        assertThat(kept).exists();

        Running run = startRun();
        try {
            String root = dir.resolve("root.pem").toString();
            assertThat(openssl("ocsp", "-sha256", "-issuer", kept.toString(), "-cert", "nas.pem", "-url", run.ocspUrl(),
                    "-CAfile", root)).contains("Response verify OK", "nas.pem: good");
            Cli.Result revoked = Cli.run("gateway", "revoke-intermediate", "--dir", dir.toString(), "--passphrase-file", pass.toString());
            assertThat(revoked.exit()).as(revoked.err()).isZero();
            String seen = "";
            for (int i = 0; i < 30 && !seen.contains("unauthorized"); i++) {
                Thread.sleep(100);
                seen = openssl(false, "ocsp", "-sha256", "-issuer", kept.toString(), "-cert", "nas.pem", "-url", run.ocspUrl(),
                        "-CAfile", root);
            }
            assertThat(seen).contains("unauthorized").doesNotContain("nas.pem: good");
        } finally {
            run.process().destroyForcibly();
            run.process().waitFor(15, TimeUnit.SECONDS);
        }
    }

    private String openssl(String... args) throws Exception {
        return openssl(true, args);
    }

    /** openssl's output; its exit code must be 0 when {@code mustSucceed} ({@code openssl ocsp} exits 1 on a responder error). */
    private String openssl(boolean mustSucceed, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (mustSucceed) {
            assertThat(p.exitValue()).as(out).isZero();
        }
        return out;
    }
}
