package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbot (Debian's, a real ACME client) against {@code gateway run}: it obtains a certificate
 * for {@code printer.home.arpa} with standalone http-01 on loopback, waits while the device is
 * pending and succeeds the moment the owner approves it from the shell; renews; revokes — and
 * each certificate verifies against {@code root.pem} and is classified U-L/S by {@code inspect}.
 * With a pairing key from {@code gateway pair} as External Account Binding ({@code --eab-kid
 * --eab-hmac-key}) it gets its certificate without anyone approving.
 */
class AcmeCertbotTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void init() throws Exception {
        dir = tmp.resolve("gw");
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Certbot test",
                "--permit", "home.arpa,127.0.0.0/8", "--passphrase-file", pass.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }


    private List<String> certbot(String directory, int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of("certbot"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--non-interactive", "--server", directory, "--config-dir", tmp.resolve("cb/config").toString(),
                "--work-dir", tmp.resolve("cb/work").toString(), "--logs-dir", tmp.resolve("cb/logs").toString()));
        if (port > 0) {
            cmd.addAll(List.of("--standalone", "--http-01-address", "127.0.0.1", "--http-01-port", Integer.toString(port)));
        }
        return cmd;
    }

    private Process start(List<String> cmd, String log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile());
        Map<String, String> env = pb.environment();
        env.put("REQUESTS_CA_BUNDLE", dir.resolve("root.pem").toString());
        return pb.start();
    }

    private void finish(Process p, String log) throws Exception {
        boolean finished = p.waitFor(150, TimeUnit.SECONDS);
        p.destroyForcibly();
        assertThat(finished).as("certbot finishes: " + Files.readString(tmp.resolve(log)) + "\n--- certbot's log:\n"
                + tail(tmp.resolve("cb/logs/letsencrypt.log")) + "\n--- gateway:\n" + tail(tmp.resolve("gw.log"))).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve(log))).isZero();
    }

    private static String tail(Path file) throws Exception {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private String serialOf(Path cert) throws Exception {
        return openssl("x509", "-in", cert.toString(), "-noout", "-serial").trim().replace("serial=", "").toLowerCase();
    }

    @Test
    void certbotObtainsWaitsForApprovalRenewsAndRevokes() throws Exception {
        int port = GatewayProcess.freePort();
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"), "--verbose",
                "--validation-http-port", Integer.toString(port))) {
            Process obtain = start(certbot(gw.acmeDirectory, port, "certonly", "--agree-tos", "-m", "owner@home.arpa",
                    "-d", "printer.home.arpa", "--key-type", "ecdsa"), "obtain.log");
            String devId = null;
            for (int i = 0; i < 90 && devId == null; i++) { // the device appears among the pending the moment certbot finalizes
                Thread.sleep(1000);
                for (String line : Cli.run("gateway", "list", "--dir", dir.toString(), "--pending").out().lines().toList()) {
                    if (line.contains("printer.home.arpa")) {
                        devId = line.trim().split("\\s+")[0];
                    }
                }
                assertThat(obtain.isAlive() || devId != null).as("certbot is still waiting: "
                        + Files.readString(tmp.resolve("obtain.log"))).isTrue();
            }
            assertThat(devId).as("a pending device for printer.home.arpa").isNotNull();
            Thread.sleep(1000);
            assertThat(obtain.isAlive()).as("certbot waits while the device is pending").isTrue();
            Cli.Result approve = Cli.run("gateway", "approve", "--dir", dir.toString(), devId);
            assertThat(approve.exit()).as(approve.err()).isZero();
            finish(obtain, "obtain.log");

            Path live = tmp.resolve("cb/config/live/printer.home.arpa");
            assertThat(openssl("verify", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted",
                    live.resolve("chain.pem").toString(), live.resolve("cert.pem").toString())).contains(": OK");
            Cli.Result inspect = Cli.run("inspect", "--json", "--local-anchor", dir.resolve("root.pem").toString(),
                    live.resolve("fullchain.pem").toString());
            assertThat(inspect.out()).as(inspect.err()).contains("\"U_LS\"");
            String first = serialOf(live.resolve("cert.pem"));

            Process renew = start(certbot(gw.acmeDirectory, port, "renew", "--force-renewal", "--reuse-key", "--no-random-sleep-on-renew"), "renew.log");
            finish(renew, "renew.log");
            String second = serialOf(live.resolve("cert.pem"));
            assertThat(second).isNotEqualTo(first);

            Process revoke = start(certbot(gw.acmeDirectory, 0, "revoke", "--cert-path", live.resolve("cert.pem").toString(),
                    "--reason", "superseded", "--no-delete-after-revoke"), "revoke.log");
            finish(revoke, "revoke.log");
            String seen = openssl("ocsp", "-issuer", dir.resolve("intermediate.pem").toString(), "-cert",
                    live.resolve("cert.pem").toString(), "-url", gw.ocspUrl, "-CAfile", dir.resolve("root.pem").toString());
            for (int i = 0; i < 30 && !seen.contains(": revoked"); i++) {
                Thread.sleep(100);
                seen = openssl("ocsp", "-issuer", dir.resolve("intermediate.pem").toString(), "-cert",
                        live.resolve("cert.pem").toString(), "-url", gw.ocspUrl, "-CAfile", dir.resolve("root.pem").toString());
            }
            assertThat(seen).contains(": revoked", "Reason: superseded");
            assertThat(gw.stop()).isZero();
        }
    }

    @Test
    void certbotWithAPairingKeyGetsACertificateWithoutAnyApproval() throws Exception {
        int port = GatewayProcess.freePort();
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"), "--validation-http-port", Integer.toString(port))) {
            Cli.Result pair = GatewayProcess.real("gateway", "pair", "--dir", dir.toString(), "--name", "printer.home.arpa");
            assertThat(pair.exit()).as(pair.err()).isZero();
            java.util.regex.Matcher kid = java.util.regex.Pattern.compile("kid:\\s+(\\S+)").matcher(pair.out());
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("hmac key:\\s+(\\S+)").matcher(pair.out());
            assertThat(kid.find() && key.find()).as(pair.out()).isTrue();

            Process obtain = start(certbot(gw.acmeDirectory, port, "certonly", "--agree-tos", "-m", "owner@home.arpa",
                    "-d", "printer.home.arpa", "--key-type", "ecdsa", "--eab-kid=" + kid.group(1), "--eab-hmac-key=" + key.group(1)),
                    "obtain.log");
            finish(obtain, "obtain.log"); // no `gateway approve` anywhere

            Path live = tmp.resolve("cb/config/live/printer.home.arpa");
            assertThat(openssl("verify", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted",
                    live.resolve("chain.pem").toString(), live.resolve("cert.pem").toString())).contains(": OK");
            String audit = GatewayProcess.real("gateway", "audit", "--dir", dir.toString()).out();
            assertThat(audit).contains("pair-redeem").contains("pairing " + kid.group(1) + " (External Account Binding)");
            assertThat(Files.readString(tmp.resolve("gw.log"))).doesNotContain(key.group(1));

            assertThat(gw.stop()).isZero();
        }
    }
}
