package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lego (Debian's, a second real ACME client) against {@code gateway run}: obtains with http-01 and
 * with tls-alpn-01 (RFC 8737) for names the owner pre-authorised ({@code gateway allow}), and
 * renews; each certificate verifies against {@code root.pem}. The gateway is made with an
 * id-kp-localDevice whose arcs Go can parse (here the documentation enterprise number of RFC 5612):
 * Go's crypto/x509 refuses a whole certificate carrying the default UUID-arc OID (golang/go#58821).
 * With a pairing key from {@code gateway pair} as External Account Binding ({@code lego --eab --kid
 * --hmac}) lego gets its certificate with nobody approving; a wrong MAC key is refused with an
 * {@code unauthorized} problem saying which key did not verify, and leaves the pairing key unused.
 */
class AcmeLegoTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void init() throws Exception {
        dir = tmp.resolve("gw");
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Lego test",
                "--permit", "home.arpa,127.0.0.0/8", "--passphrase-file", pass.toString(),
                // lego is Go: its crypto/x509 cannot parse the default id-kp-localDevice (a 128-bit UUID arc)
                "--local-device-eku", "1.3.6.1.4.1.32473.1");
        assertThat(r.exit()).as(r.err()).isZero();
    }


    private String run(List<String> cmd, String log) throws Exception {
        return run(cmd, log, 0);
    }

    /** Runs lego to its end; asserts its exit code ({@code 0}, or any failure for {@code -1}); returns its output. */
    private String run(List<String> cmd, String log, int exit) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile());
        pb.environment().put("LEGO_CA_CERTIFICATES", dir.resolve("root.pem").toString());
        Process p = pb.start();
        boolean finished = p.waitFor(40, TimeUnit.SECONDS);
        p.destroyForcibly();
        String out = Files.readString(tmp.resolve(log));
        assertThat(finished).as("lego finishes: " + out + Files.readString(tmp.resolve("gw.log"))).isTrue();
        if (exit < 0) {
            assertThat(p.exitValue()).as(out).isNotZero();
        } else {
            assertThat(p.exitValue()).as(out).isEqualTo(exit);
        }
        return out;
    }

    private List<String> lego(String directory, String name, String challenge, String port, String command, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("lego", "--server", directory, "--accept-tos", "--email", "owner@home.arpa",
                "--domains", name, "--key-type", "ec256", "--path", tmp.resolve("lego").toString(), challenge, "--" + challenge.substring(2)
                        + ".port", "127.0.0.1:" + port, command));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private void assertVerifies(String name) throws Exception {
        Path crt = tmp.resolve("lego/certificates/" + name + ".crt"); // leaf + issuer
        Path leaf = tmp.resolve(name + ".leaf.pem");
        openssl("x509", "-in", crt.toString(), "-out", leaf.toString());
        assertThat(openssl("verify", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted", crt.toString(), leaf.toString()))
                .contains(": OK");
        assertThat(openssl("x509", "-in", leaf.toString(), "-noout", "-ext", "subjectAltName")).contains("DNS:" + name);
    }

    @Test
    void legoObtainsWithHttp01AndTlsAlpn01AndRenews() throws Exception {
        int httpPort = GatewayProcess.freePort();
        int tlsPort = GatewayProcess.freePort();
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"), "--validation-http-port", Integer.toString(httpPort),
                "--validation-tls-port", Integer.toString(tlsPort))) {
            for (String name : List.of("lego-http.home.arpa", "lego-tls.home.arpa")) {
                Cli.Result allow = GatewayProcess.real("gateway", "allow", "--dir", dir.toString(), name, "--for", "10m");
                assertThat(allow.exit()).as(allow.err()).isZero();
            }
            run(lego(gw.acmeDirectory, "lego-http.home.arpa", "--http", Integer.toString(httpPort), "run"), "http.log");
            assertVerifies("lego-http.home.arpa");

            String tls = run(lego(gw.acmeDirectory, "lego-tls.home.arpa", "--tls", Integer.toString(tlsPort), "run"), "tls.log");
            assertThat(tls).contains("tls-alpn-01");
            assertVerifies("lego-tls.home.arpa");
            String before = openssl("x509", "-in", tmp.resolve("lego/certificates/lego-tls.home.arpa.crt").toString(), "-noout", "-serial");

            run(lego(gw.acmeDirectory, "lego-tls.home.arpa", "--tls", Integer.toString(tlsPort), "renew", "--days", "365", "--no-random-sleep",
                    "--reuse-key"), "renew.log");
            String after = openssl("x509", "-in", tmp.resolve("lego/certificates/lego-tls.home.arpa.crt").toString(), "-noout", "-serial");
            assertThat(after).startsWith("serial=").isNotEqualTo(before);
            assertVerifies("lego-tls.home.arpa");
            assertThat(gw.stop()).isZero();
        }
    }

    @Test
    void legoWithAPairingKeyAsExternalAccountBindingGetsACertificateAtOnceAndAWrongKeyIsRefused() throws Exception {
        int httpPort = GatewayProcess.freePort();
        String name = "lego-eab.home.arpa";
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"), "--validation-http-port", Integer.toString(httpPort))) {
            Cli.Result pair = GatewayProcess.real("gateway", "pair", "--dir", dir.toString(), "--name", name);
            assertThat(pair.exit()).as(pair.err()).isZero();
            java.util.regex.Matcher kid = java.util.regex.Pattern.compile("kid:\\s+(\\S+)").matcher(pair.out());
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("hmac key:\\s+(\\S+)").matcher(pair.out());
            assertThat(kid.find() && key.find()).as(pair.out()).isTrue();
            byte[] other = new byte[32];
            new java.security.SecureRandom().nextBytes(other);
            String wrongKey = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(other);

            String wrong = run(legoEab(gw.acmeDirectory, "lego-wrong", name, httpPort, kid.group(1), wrongKey), "eab-wrong.log", -1);
            assertThat(wrong).contains("urn:ietf:params:acme:error:unauthorized", "does not verify with the pairing key '" + kid.group(1) + "'");
            assertThat(tmp.resolve("lego-wrong/certificates/" + name + ".crt")).doesNotExist();

            // the same pairing key, now with its MAC key: still unused, so it approves the device — no `gateway approve`
            run(legoEab(gw.acmeDirectory, "lego", name, httpPort, kid.group(1), key.group(1)), "eab.log");
            assertVerifies(name);
            String audit = GatewayProcess.real("gateway", "audit", "--dir", dir.toString()).out();
            assertThat(audit).contains("pair-redeem").contains("pairing " + kid.group(1) + " (External Account Binding)");
            assertThat(Files.readString(tmp.resolve("gw.log"))).doesNotContain(key.group(1));
            assertThat(gw.stop()).isZero();
        }
    }

    private List<String> legoEab(String directory, String path, String name, int port, String kid, String hmac) {
        return List.of("lego", "--server", directory, "--accept-tos", "--email", "owner@home.arpa", "--domains", name, "--key-type",
                "ec256", "--path", tmp.resolve(path).toString(), "--eab", "--kid=" + kid, "--hmac=" + hmac, "--http", "--http.port",
                "127.0.0.1:" + port, "run");
    }
}
