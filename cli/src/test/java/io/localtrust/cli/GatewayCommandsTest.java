package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway commands as a user runs them, with openssl as the device and the verifier. */
class GatewayCommandsTest {
    @TempDir
    Path tmp;
    Path dir;
    Path pass;

    @BeforeEach
    void init() throws Exception {
        dir = tmp.resolve("gw");
        pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Test home",
                "--permit", "home.arpa,192.168.0.0/16,127.0.0.0/8", "--passphrase-file", pass.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Created gateway CA 'Test home'", "Root SHA-256:", "Admin API token:   lt_");
    }

    private Path csr(String name) throws Exception {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-subj", "/CN=" + name, "-out", name + ".csr");
        return tmp.resolve(name + ".csr");
    }

    private String openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void initRefusesToOverwriteAndNeedsAPassphrase() {
        Cli.Result again = Cli.run("gateway", "init", "--dir", dir.toString(), "--passphrase-file", pass.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.errLines()).singleElement().asString().contains("already holds a gateway CA");
        Cli.Result badPermit = Cli.run("gateway", "init", "--dir", tmp.resolve("x").toString(), "--permit", "300.1.1.1/8",
                "--passphrase-file", pass.toString());
        assertThat(badPermit.exit()).isEqualTo(2);
        assertThat(badPermit.err()).contains("--permit");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void pendingDeviceIsRefusedThenApprovedThenIssuedAndVerifiedByOpenssl() throws Exception {
        Path csr = csr("nas");
        Cli.Result pending = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr.toString(), "--name", "nas.home.arpa");
        assertThat(pending.exit()).as(pending.err()).isEqualTo(3);
        assertThat(pending.err()).contains("pending-approval", "waits for approval");
        Matcher m = Pattern.compile("gateway approve ([a-z2-7]{26})").matcher(pending.err());
        assertThat(m.find()).isTrue();
        String devId = m.group(1);

        Cli.Result list = Cli.run("gateway", "list", "--dir", dir.toString(), "--pending");
        assertThat(list.out()).contains(devId, "pending", "nas.home.arpa")
                .as("offered no pairing code").containsPattern("(?m)^" + devId + "\\s+pending\\s+nas\\.home\\.arpa\\s+-\\s+-$");
        Cli.Result approve = Cli.run("gateway", "approve", "--dir", dir.toString(), devId.substring(0, 8));
        assertThat(approve.exit()).as(approve.err()).isZero();

        Path chain = tmp.resolve("nas-chain.pem");
        Cli.Result issued = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr.toString(),
                "--name", "nas.home.arpa", "--ip", "192.168.1.40", "--out", chain.toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        String verify = openssl("verify", "-attime", String.valueOf(Cli.NOW.getEpochSecond()), "-CAfile", dir.resolve("root.pem").toString(),
                "-untrusted", dir.resolve("intermediate.pem").toString(), chain.toString());
        assertThat(verify).contains(": OK");
        String text = openssl("x509", "-in", chain.toString(), "-noout", "-text", "-serial");
        assertThat(text).contains("DNS:nas.home.arpa", "IP Address:192.168.1.40", "2.25.136569058625649687336312788844416211699");

        String serial = text.lines().filter(l -> l.startsWith("serial=")).findFirst().orElseThrow().substring(7);
        Cli.Result revoke = Cli.run("gateway", "revoke", "--dir", dir.toString(), serial.toLowerCase(), "--reason", "keyCompromise");
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("revoked", "keyCompromise");
        assertThat(Cli.run("gateway", "revoke", "--dir", dir.toString(), serial).out()).contains("already revoked");

        Cli.Result audit = Cli.run("gateway", "audit", "--dir", dir.toString());
        assertThat(audit.out()).contains("init", "register", "approve", "issue", "revoke");
        assertThat(Cli.run("gateway", "audit", "--dir", dir.toString(), "verify").out()).contains("intact");
    }

    @Test
    void aDeviceBackAfterItsCertificateExpiredWaitsForApprovalAgainUnlessTheGatewayAcceptsItsOldKey() throws Exception {
        Path csr = csr("printer");
        String[] issue = {"gateway", "issue", "--dir", dir.toString(), "--csr", csr.toString(), "--name", "printer.home.arpa"};
        assertThat(Cli.run(append(issue, "--approve")).exit()).isZero();
        java.time.Instant renewal = Cli.NOW.plus(java.time.Duration.ofDays(60));
        Cli.Result renewed = Cli.runAt(renewal, issue);
        assertThat(renewed.exit()).as("renewal before expiry: at once. " + renewed.err()).isZero();

        java.time.Instant back = renewal.plus(java.time.Duration.ofDays(91)); // the renewed certificate expired too
        Cli.Result lapsed = Cli.runAt(back, issue);
        assertThat(lapsed.exit()).isEqualTo(3);
        assertThat(lapsed.errLines()).singleElement().asString()
                .contains("pending-approval", "waits for approval again: its certificates expired", "offline past expiry");
        Matcher m = Pattern.compile("gateway approve ([a-z2-7]{26})").matcher(lapsed.err());
        assertThat(m.find()).isTrue();
        assertThat(Cli.runAt(back, "gateway", "list", "--dir", dir.toString(), "--pending").out()).contains(m.group(1), "printer.home.arpa");
        assertThat(Cli.runAt(back, "gateway", "approve", "--dir", dir.toString(), m.group(1)).exit()).isZero();
        assertThat(Cli.runAt(back, issue).exit()).isZero();
        assertThat(Cli.run("gateway", "audit", "--dir", dir.toString()).out()).contains("reopen", "(offline past expiry)");

        Path other = tmp.resolve("gw2");
        Cli.Result bad = Cli.run("gateway", "init", "--dir", other.toString(), "--lapsed-devices", "sometimes",
                "--passphrase-file", pass.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines()).singleElement().asString()
                .contains("--lapsed-devices: 'sometimes' is not a lapsed-device policy: reapprove or accept-old-key");
        assertThat(other).doesNotExist();
        Cli.Result init = Cli.run("gateway", "init", "--dir", other.toString(), "--lapsed-devices", "accept-old-key",
                "--permit", "home.arpa", "--passphrase-file", pass.toString());
        assertThat(init.out()).contains("Lapsed devices:    accept-old-key");
        String[] issue2 = {"gateway", "issue", "--dir", other.toString(), "--csr", csr.toString(), "--name", "printer.home.arpa"};
        assertThat(Cli.run(append(issue2, "--approve")).exit()).isZero();
        Cli.Result accepted = Cli.runAt(back, issue2);
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(Cli.run("gateway", "audit", "--dir", other.toString()).out()).contains("reenrol", "issued again on proof");
    }

    private static String[] append(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

    @Test
    void issueWithApproveFlagAndRefusals() throws Exception {
        Path csr = csr("cam");
        Cli.Result ok = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr.toString(), "--name", "cam.home.arpa", "--approve");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("-----BEGIN CERTIFICATE-----").containsOnlyOnce("-----END CERTIFICATE-----\n-----BEGIN");

        Cli.Result reuse = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr.toString(), "--name", "cam2.home.arpa", "--approve");
        assertThat(reuse.exit()).isEqualTo(3);
        assertThat(reuse.err()).contains("key-bound-to-other-device");

        Cli.Result outside = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr("bank").toString(), "--name", "bank.example", "--approve");
        assertThat(outside.exit()).isEqualTo(3);
        assertThat(outside.err()).contains("name-not-permitted");

        Path garbage = tmp.resolve("garbage.csr");
        Files.write(garbage, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        Cli.Result bad = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", garbage.toString(), "--name", "x.home.arpa");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines()).singleElement().asString().contains("garbage.csr", "PKCS#10");
    }

    @Test
    void commandsOnAMissingGatewaySayHowToCreateOne() {
        Cli.Result r = Cli.run("gateway", "list", "--dir", tmp.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("gateway init");
        assertThat(tmp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void approveByThePairingCodeTheDeviceShows() throws Exception {
        Cli.Result pending = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr("hub").toString(), "--name", "hub.home.arpa");
        Matcher m = Pattern.compile("gateway approve ([a-z2-7]{26})").matcher(pending.err());
        assertThat(m.find()).isTrue();
        // the device offers its code through its front end (ACME, next issue); here through the same API
        try (var g = io.localtrust.authority.Gateway.open(dir, io.localtrust.lint.keys.CompromisedKeys.none(),
                java.time.Clock.fixed(Cli.NOW, java.time.ZoneOffset.UTC), new java.security.SecureRandom())) {
            new io.localtrust.authority.Approvals(g.store(), g.config().names(),
                    java.time.Clock.fixed(Cli.NOW, java.time.ZoneOffset.UTC)).offerPairingCode(m.group(1), "HUB2-7QXK");
        }
        assertThat(Cli.run("gateway", "list", "--dir", dir.toString(), "--pending").out()).as("the code to compare, as the device shows it")
                .containsPattern("(?m)^" + m.group(1) + "\\s+pending\\s+hub\\.home\\.arpa\\s+-\\s+HUB2-7QXK$")
                .contains("PAIRING CODE");
        Cli.Result wrong = Cli.run("gateway", "approve", "--dir", dir.toString(), "--code", "AAAA-BBBB");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("no pending device shows this pairing code");
        Cli.Result ok = Cli.run("gateway", "approve", "--dir", dir.toString(), "--code", "hub2 7qxk");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("approved " + m.group(1));
        assertThat(Cli.run("gateway", "list", "--dir", dir.toString()).out()).as("used: shown no more")
                .containsPattern("(?m)^" + m.group(1) + "\\s+approved\\s+hub\\.home\\.arpa\\s+-\\s+-$").doesNotContain("HUB2");
        assertThat(Cli.run("gateway", "approve", "--dir", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void allowPreAuthorisesANameForAWindow() throws Exception {
        Cli.Result allow = Cli.run("gateway", "allow", "--dir", dir.toString(), "plug.home.arpa", "--for", "10m");
        assertThat(allow.exit()).as(allow.err()).isZero();
        Cli.Result issued = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr("plug").toString(), "--name", "plug.home.arpa");
        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(Cli.run("gateway", "allow", "--dir", dir.toString(), "x.home.arpa", "--for", "9d").exit()).isEqualTo(2);
        assertThat(Cli.run("gateway", "allow", "--dir", dir.toString(), "bank.example").exit()).isEqualTo(2);
    }

    @Test
    void allowTakesSeveralNamesAndStoresNoneWhenOneIsBad() throws Exception {
        Cli.Result bad = Cli.run("gateway", "allow", "--dir", dir.toString(), "cam.home.arpa", "bank.example", "--for", "10m");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bank.example").doesNotContain("Exception");
        Cli.Result waiting = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr("cam").toString(),
                "--name", "cam.home.arpa");
        assertThat(waiting.exit()).as("cam.home.arpa was not allowed: " + waiting.out()).isNotZero();
        assertThat(waiting.out() + waiting.err()).contains("waits for approval");

        Cli.Result allow = Cli.run("gateway", "allow", "--dir", dir.toString(), "nas.home.arpa", "127.0.1.9", "--for", "1h");
        assertThat(allow.exit()).as(allow.err()).isZero();
        assertThat(allow.out()).contains("allowed nas.home.arpa until").contains("allowed 127.0.1.9 until");
        Cli.Result issued = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", csr("nas").toString(),
                "--name", "nas.home.arpa", "--ip", "127.0.1.9");
        assertThat(issued.exit()).as(issued.err()).isZero();
    }

    @Test
    void pairPrintsAKeyForCertbotAndLegoOnceAndBadInputIsOneLine() throws Exception {
        Cli.Result pair = Cli.run("gateway", "pair", "--dir", dir.toString(), "--name", "printer.home.arpa", "--for", "30m");
        assertThat(pair.exit()).as(pair.err()).isZero();
        java.util.regex.Matcher kid = java.util.regex.Pattern.compile("kid:\\s+(\\S+)").matcher(pair.out());
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("hmac key:\\s+([A-Za-z0-9_-]{43})\\s").matcher(pair.out());
        assertThat(kid.find() && key.find()).as(pair.out()).isTrue();
        assertThat(pair.out()).startsWith("pairing key for printer.home.arpa, single use, until " + Cli.NOW.plusSeconds(1800))
                .contains("--eab-kid=" + kid.group(1) + " --eab-hmac-key=" + key.group(1))
                .contains("--eab --kid=" + kid.group(1) + " --hmac=" + key.group(1));
        Cli.Result audit = Cli.run("gateway", "audit", "--dir", dir.toString());
        assertThat(audit.out()).contains("pair").contains(kid.group(1)).doesNotContain(key.group(1));

        Cli.Result outside = Cli.run("gateway", "pair", "--dir", dir.toString(), "--name", "bank.example");
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.errLines()).singleElement().asString().contains("bank.example", "outside");
        Cli.Result tooLong = Cli.run("gateway", "pair", "--dir", dir.toString(), "--for", "8d");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.errLines()).singleElement().asString().contains("7 days");
        assertThat(Cli.run("gateway", "pair", "--dir", dir.toString(), "--for", "soon").errLines()).singleElement()
                .asString().contains("--for");
    }
}
