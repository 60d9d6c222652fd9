package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe --revocation} against the gateway's own OCSP responder: a real {@code gateway run}
 * (its AIA pointing at its loopback HTTP listener) issues a leaf served by {@code openssl s_server}
 * without a staple; the probe asks the gateway itself — good under hard-fail (the leaf by OCSP, the
 * issuing CA by the root's CRL), and after {@code gateway revoke}, revoked. {@code --no-online-revocation}
 * asks nothing. After {@code new-intermediate} and {@code revoke-intermediate}, a leaf still served
 * with the replaced issuing CA is rejected for that CA's revocation on the root's CRL.
 */
class ProbeRevocationTest {
    private static final String DEVICE = "127.0.54.1";

    @TempDir
    Path tmp;

    @Test
    void probeAsksTheGatewaysResponderAndFollowsARevocation() throws Exception {
        int http = GatewayProcess.freePort();
        Path dir = tmp.resolve("gw");
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Cli.Result init = GatewayProcess.real("gateway", "init", "--dir", dir.toString(), "--name", "Revocation test",
                "--permit", "home.arpa,127.0.0.0/8", "--url", "http://127.0.0.1:" + http, "--passphrase-file", pass.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "dev.key",
                "-subj", "/CN=dev", "-out", "dev.csr");
        Cli.Result issued = GatewayProcess.real("gateway", "issue", "--dir", dir.toString(), "--csr", tmp.resolve("dev.csr").toString(),
                "--ip", DEVICE, "--approve", "--out", tmp.resolve("chain.pem").toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        Matcher serial = Pattern.compile("issued serial ([0-9a-f]+)").matcher(issued.err());
        assertThat(serial.find()).as(issued.err()).isTrue();
        openssl("x509", "-in", "chain.pem", "-out", "dev.pem");
        int tls = GatewayProcess.freePort();
        String url = "https://" + DEVICE + ":" + tls + "/";
        String root = dir.resolve("root.pem").toString();

        try (GatewayProcess gateway = GatewayProcess.withHttpListen(dir, tmp.resolve("gateway.log"), "127.0.0.1:" + http)) {
            Process server = new ProcessBuilder("openssl", "s_server", "-accept", DEVICE + ":" + tls, "-cert", "dev.pem",
                    "-key", "dev.key", "-cert_chain", "chain.pem", "-www", "-quiet").directory(tmp.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("s_server.log").toFile()).start();
            try {
                awaitListening(DEVICE, tls);
                // the gateway's first OCSP answer (a cold JVM signing it) is not what this test measures
                openssl("ocsp", "-issuer", dir.resolve("intermediate.pem").toString(), "-cert", "dev.pem", "-url",
                        "http://127.0.0.1:" + http + "/ocsp", "-CAfile", root);
                Cli.Result good = GatewayProcess.real("probe", "--local-anchor", root, "--no-nmap-fingerprints", "--revocation",
                        "hard", "--timeout", "10000", "--json", url);
                assertThat(good.exit()).as(good.out() + good.err()).isZero();
                JsonNode doc = new ObjectMapper().readTree(good.out());
                assertThat(doc.get("verdict").asText()).isEqualTo("TRUSTED_LOCAL");
                assertThat(message(doc, "OCSP_GOOD")).contains("http://127.0.0.1:" + http + "/ocsp");
                assertThat(message(doc, "CRL_GOOD")).startsWith("issuing CA 'Revocation test Issuing CA': ")
                        .contains("http://127.0.0.1:" + http + "/crl/root.crl");

                Cli.Result offline = GatewayProcess.real("probe", "--local-anchor", root, "--no-nmap-fingerprints", "--revocation",
                        "hard", "--no-online-revocation", "--timeout", "10000", "--json", url);
                assertThat(offline.exit()).as(offline.out()).isEqualTo(5);
                assertThat(new ObjectMapper().readTree(offline.out()).toString()).contains("REVOCATION_OFFLINE", "REVOCATION_UNKNOWN");

                Cli.Result revoke = GatewayProcess.real("gateway", "revoke", "--dir", dir.toString(), serial.group(1), "--reason",
                        "keyCompromise");
                assertThat(revoke.exit()).as(revoke.err()).isZero();
                Cli.Result revoked = null;
                for (int i = 0; i < 30; i++) {
                    revoked = GatewayProcess.real("probe", "--local-anchor", root, "--no-nmap-fingerprints", "--timeout", "10000",
                            "--json", url);
                    if (revoked.exit() == 5) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(revoked.exit()).as(revoked.out() + revoked.err()).isEqualTo(5);
                JsonNode r = new ObjectMapper().readTree(revoked.out());
                assertThat(r.get("verdict").asText()).isEqualTo("REJECTED");
                assertThat(message(r, "OCSP_REVOKED")).contains("revoked by");
                assertThat(r.get("text").asText()).contains("revoked");
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void probeRejectsALeafUnderAnIssuingCaTheRootRevoked() throws Exception {
        String device = "127.0.54.3";
        int http = GatewayProcess.freePort();
        Path dir = tmp.resolve("gw");
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Cli.Result init = GatewayProcess.real("gateway", "init", "--dir", dir.toString(), "--name", "Rollover test",
                "--permit", "home.arpa,127.0.0.0/8", "--url", "http://127.0.0.1:" + http, "--passphrase-file", pass.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "dev.key",
                "-subj", "/CN=dev", "-out", "dev.csr");
        Cli.Result issued = GatewayProcess.real("gateway", "issue", "--dir", dir.toString(), "--csr", tmp.resolve("dev.csr").toString(),
                "--ip", device, "--approve", "--out", tmp.resolve("chain.pem").toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        openssl("x509", "-in", "chain.pem", "-out", "dev.pem");
        Cli.Result replaced = GatewayProcess.real("gateway", "new-intermediate", "--dir", dir.toString(), "--passphrase-file",
                pass.toString());
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        Cli.Result revokedCa = GatewayProcess.real("gateway", "revoke-intermediate", "--dir", dir.toString(), "--passphrase-file",
                pass.toString(), "--reason", "keyCompromise");
        assertThat(revokedCa.exit()).as(revokedCa.err()).isZero();
        int tls = GatewayProcess.freePort();
        String url = "https://" + device + ":" + tls + "/";
        String root = dir.resolve("root.pem").toString();

        try (GatewayProcess gateway = GatewayProcess.withHttpListen(dir, tmp.resolve("gateway.log"), "127.0.0.1:" + http)) {
            Process server = new ProcessBuilder("openssl", "s_server", "-accept", device + ":" + tls, "-cert", "dev.pem",
                    "-key", "dev.key", "-cert_chain", "chain.pem", "-www", "-quiet").directory(tmp.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("s_server.log").toFile()).start();
            try {
                awaitListening(device, tls);
                Cli.Result probe = GatewayProcess.real("probe", "--local-anchor", root, "--no-nmap-fingerprints", "--timeout",
                        "10000", "--json", url);
                assertThat(probe.exit()).as(probe.out() + probe.err()).isEqualTo(5);
                JsonNode doc = new ObjectMapper().readTree(probe.out());
                assertThat(doc.get("verdict").asText()).isEqualTo("REJECTED");
                assertThat(message(doc, "CRL_REVOKED")).startsWith("issuing CA 'Rollover test Issuing CA': ")
                        .contains("/crl/root.crl");
                assertThat(message(doc, "REVOKED_ISSUER")).contains("'Rollover test Issuing CA'");
                assertThat(doc.get("text").asText()).contains("the authority 'Rollover test Issuing CA'", "is revoked");
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aBadPolicyIsOneLineAndExit2() {
        Cli.Result r = Cli.run("probe", "--revocation", "sometimes", "--no-nmap-fingerprints", "https://127.0.54.2:1/");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--revocation", "'sometimes'", "off, soft, hard");
    }

    private static String message(JsonNode doc, String code) {
        for (JsonNode reason : doc.get("reasons")) {
            if (reason.get("code").asText().equals(code)) {
                return reason.get("message").asText();
            }
        }
        throw new AssertionError("no " + code + " in " + doc.get("reasons"));
    }

    private String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static void awaitListening(String host, int port) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("openssl s_server did not listen on " + host + ":" + port);
    }
}
