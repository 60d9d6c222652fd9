package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code localtrust gateway run} in a JVM of its own, as a user starts it; its banner read for the URLs. */
final class GatewayProcess implements AutoCloseable {
    final Process process;
    final String ocspUrl;
    final String acmeDirectory;
    final List<String> banner = new ArrayList<>();
    private final BufferedReader out;

    GatewayProcess(Path dir, Path log, String... extra) throws Exception {
        this(dir, log, "127.0.0.1:0", List.of(extra));
    }

    /** With the plain-HTTP listener at {@code httpListen}: where the certificates' AIA (gateway init --url) points. */
    static GatewayProcess withHttpListen(Path dir, Path log, String httpListen, String... extra) throws Exception {
        return new GatewayProcess(dir, log, httpListen, List.of(extra));
    }

    private GatewayProcess(Path dir, Path log, String httpListen, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0", "--http-listen", httpListen));
        cmd.addAll(extra);
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ocsp = null;
        String acme = null;
        String line;
        while ((line = out.readLine()) != null) {
            banner.add(line);
            Matcher m = Pattern.compile("e\\.g\\. (http://\\S+/ocsp)").matcher(line);
            if (m.find()) {
                ocsp = m.group(1);
            }
            Matcher a = Pattern.compile("ACME directory:\\s+(https://\\S+/acme/directory)").matcher(line);
            if (a.find()) {
                acme = a.group(1);
            }
            if (line.contains("Published URLs")) {
                break;
            }
        }
        assertThat(acme).as(banner + Files.readString(log)).isNotNull();
        ocspUrl = ocsp;
        acmeDirectory = acme;
    }

    /**
     * Runs one CLI command in a JVM of its own on the real clock (the in-process {@link Cli} runs on
     * a fixed one: an allowance it made would be long expired for the running gateway).
     */
    static Cli.Result real(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** A loopback port free right now (for a listener a test starts, or tells a peer to start). */
    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    int stop() throws Exception {
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
