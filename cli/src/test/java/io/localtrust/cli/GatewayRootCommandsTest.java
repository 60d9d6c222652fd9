package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway new-intermediate} and {@code gateway revoke-intermediate}, with openssl as the verifier. */
class GatewayRootCommandsTest {
    @TempDir
    Path tmp;
    Path dir;
    Path pass;
    Path wrong;

    @BeforeEach
    void init() throws Exception {
        dir = tmp.resolve("gw");
        pass = tmp.resolve("pass.txt");
        wrong = tmp.resolve("wrong.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Files.writeString(wrong, "not the right passphrase\n");
        Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Test home",
                "--permit", "home.arpa", "--passphrase-file", pass.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private Path issue(String name) throws Exception {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-subj", "/CN=" + name, "-out", name + ".csr");
        Path chain = tmp.resolve(name + "-chain.pem");
        Cli.Result r = Cli.run("gateway", "issue", "--dir", dir.toString(), "--csr", tmp.resolve(name + ".csr").toString(),
                "--name", name + ".home.arpa", "--approve", "--out", chain.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return chain;
    }

    private String verify(Path untrusted, Path leaf) throws Exception {
        return openssl("verify", "-attime", String.valueOf(Cli.NOW.getEpochSecond() + 60), "-CAfile", dir.resolve("root.pem").toString(),
                "-untrusted", untrusted.toString(), leaf.toString());
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

    private Map<String, String> snapshot() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    private Path kept() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("intermediate-[0-9a-f]+\\.pem")).findFirst().orElseThrow();
        }
    }

    @Test
    void newIntermediateThenRevokeTheReplacedOne() throws Exception {
        Path oldLeaf = issue("old");

        Map<String, String> before = snapshot();
        Cli.Result bad = Cli.run("gateway", "new-intermediate", "--dir", dir.toString(), "--passphrase-file", wrong.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).contains("wrong passphrase", "nothing was changed");
        assertThat(snapshot()).isEqualTo(before);

        Cli.Result made = Cli.run("gateway", "new-intermediate", "--dir", dir.toString(), "--passphrase-file", pass.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("New issuing CA", "Previous CA:", "restart `gateway run`");
        Path kept = kept();
        Path newLeaf = issue("new");
        assertThat(verify(dir.resolve("intermediate.pem"), newLeaf)).contains(": OK");
        assertThat(verify(kept, oldLeaf)).contains(": OK");

        Cli.Result revoked = Cli.run("gateway", "revoke-intermediate", "--dir", dir.toString(), "--passphrase-file", pass.toString(),
                "--reason", "superseded");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        String serial = kept.getFileName().toString().replaceAll("intermediate-([0-9a-f]+)\\.pem", "$1");
        assertThat(revoked.out()).contains("Revoked issuing CA " + serial, "/crl/root.crl");
        String crl = openssl("crl", "-inform", "DER", "-in", dir.resolve("root.crl").toString(), "-CAfile",
                dir.resolve("root.pem").toString(), "-noout", "-text");
        assertThat(crl).contains("verify OK", "Superseded");
        assertThat(crl.toLowerCase()).contains(serial.length() % 2 == 0 ? serial : "0" + serial);

        Cli.Result again = Cli.run("gateway", "revoke-intermediate", "--dir", dir.toString(), "--passphrase-file", pass.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("every replaced issuing CA is already revoked");

        Cli.Result audit = Cli.run("gateway", "audit", "--dir", dir.toString());
        assertThat(audit.out()).contains("new-intermediate", "revoke-intermediate");
    }

    @Test
    void revokingTheOnlyIssuingCaIsRefusedWithAdvice() throws Exception {
        Map<String, String> before = snapshot();
        Cli.Result r = Cli.run("gateway", "revoke-intermediate", "--dir", dir.toString(), "--passphrase-file", pass.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("run `localtrust gateway new-intermediate", "would stop the gateway");
        assertThat(snapshot()).isEqualTo(before);
        Cli.Result badReason = Cli.run("gateway", "revoke-intermediate", "--dir", dir.toString(), "--reason", "bored");
        assertThat(badReason.exit()).isEqualTo(2);
        assertThat(badReason.err()).contains("--reason");
    }

    @Test
    void aRootKeyMovedOfflineIsAskedBack() throws Exception {
        Files.move(dir.resolve("root-key.p12"), tmp.resolve("usb-stick.p12"));
        Cli.Result r = Cli.run("gateway", "new-intermediate", "--dir", dir.toString(), "--passphrase-file", pass.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("moved offline? bring root-key.p12 back");
    }

    @Test
    void aFileGatewayTakesAPassphraseNotAPin() {
        Cli.Result r = Cli.run("gateway", "new-intermediate", "--dir", dir.toString(), "--pin-file", pass.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--pin-file is for keys in a PKCS#11 token");
        Cli.Result none = Cli.run("gateway", "revoke-intermediate", "--dir", tmp.resolve("nowhere").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("gateway init");
    }
}
