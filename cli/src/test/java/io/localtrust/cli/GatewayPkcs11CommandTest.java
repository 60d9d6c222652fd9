package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/**
 * {@code gateway init --pkcs11 CONFIG --pin-file FILE} with a real SoftHSM2 token, then
 * {@code gateway issue} from that gateway, verified by openssl. SoftHSM reads SOFTHSM2_CONF once
 * per process, so each command runs in its own JVM with this test's own token directory.
 */
class GatewayPkcs11CommandTest {
    private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PIN = "cli-test-pin";

    @TempDir
    Path tmp;
    Path softhsmConf;
    Path config;
    Path pinFile;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void token() throws Exception {
        assertThat(Path.of(LIBRARY)).as("SoftHSM2 is missing: install the Debian package softhsm2").isRegularFile();
        Path tokens = Files.createDirectories(tmp.resolve("tokens"));
        softhsmConf = tmp.resolve("softhsm2.conf");
        Files.writeString(softhsmConf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "cli-test", "--pin", PIN,
                    "--so-pin", "cli-test-so-pin").redirectErrorStream(true);
            pb.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("softhsm2-util is missing: install the Debian package softhsm2", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        config = tmp.resolve("softhsm.cfg");
        Files.writeString(config, "name = localtrust-cli-test\nlibrary = " + LIBRARY + "\nslot = " + m.group(1) + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_TOKEN = true\n  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n  CKA_SIGN = true\n}\n"
                + "attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = true\n}\n");
        pinFile = tmp.resolve("pin.txt");
        Files.writeString(pinFile, PIN + "\n");
    }

    /** The CLI in a fresh JVM whose SOFTHSM2_CONF is this test's. */
    private Run localtrust(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
        pb.environment().remove("LOCALTRUST_PKCS11_PIN");
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("localtrust " + String.join(" ", args) + " hung").isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
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

    @Test
    void initWithTheKeysInSoftHsmThenIssueFromTheToken() throws Exception {
        Path dir = tmp.resolve("gw");
        Run init = localtrust("gateway", "init", "--dir", dir.toString(), "--name", "HSM home", "--key", "ec-p384",
                "--permit", "home.arpa,192.168.0.0/16", "--pkcs11", config.toString(), "--pin-file", pinFile.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("Created gateway CA 'HSM home'", "Root SHA-256:",
                "label localtrust-root (not extractable, never on disk)", "label localtrust-issuing", pinFile.toString());
        assertThat(dir.resolve("root-key.p12")).doesNotExist();
        assertThat(dir.resolve("intermediate-key.pem")).doesNotExist();
        assertThat(Files.readString(dir.resolve("gateway.json"))).contains("\"kind\" : \"pkcs11\"", config.toString())
                .doesNotContain(PIN + "\"");

        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "nas.key", "-subj", "/CN=nas", "-out", "nas.csr");
        Run issue = localtrust("gateway", "issue", "--dir", dir.toString(), "--csr", "nas.csr", "--name", "nas.home.arpa",
                "--approve", "--out", "nas-chain.pem");
        assertThat(issue.exit()).as(issue.err()).isZero();
        String verify = openssl("verify", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted", "nas-chain.pem",
                "nas-chain.pem");
        assertThat(verify).contains("nas-chain.pem: OK");
        assertThat(openssl("x509", "-in", "nas-chain.pem", "-noout", "-text")).contains("ecdsa-with-SHA384", "DNS:nas.home.arpa");

        Files.writeString(pinFile, "not-the-pin\n");
        Run wrong = localtrust("gateway", "issue", "--dir", dir.toString(), "--csr", "nas.csr", "--name", "nas.home.arpa",
                "--approve");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err().lines().toList()).singleElement().asString().contains("wrong PKCS#11 PIN");
    }

    @Test
    void rootOperationsWithTheKeysInSoftHsm() throws Exception {
        Path dir = tmp.resolve("gw");
        Run init = localtrust("gateway", "init", "--dir", dir.toString(), "--permit", "home.arpa", "--pkcs11", config.toString(),
                "--pin-file", pinFile.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        String firstCa = openssl("x509", "-in", dir.resolve("intermediate.pem").toString(), "-noout", "-serial");

        Path wrongPin = tmp.resolve("wrong-pin.txt");
        Files.writeString(wrongPin, "not-the-pin\n");
        Run wrong = localtrust("gateway", "new-intermediate", "--dir", dir.toString(), "--pin-file", wrongPin.toString());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err().lines().toList()).singleElement().asString().contains("wrong PKCS#11 PIN");
        assertThat(openssl("x509", "-in", dir.resolve("intermediate.pem").toString(), "-noout", "-serial")).isEqualTo(firstCa);

        Run made = localtrust("gateway", "new-intermediate", "--dir", dir.toString()); // the PIN file recorded at init
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("New issuing CA");
        assertThat(Files.readString(dir.resolve("gateway.json"))).contains("\"issuingLabel\" : \"localtrust-issuing-");

        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "nas.key", "-subj", "/CN=nas", "-out", "nas.csr");
        Run issue = localtrust("gateway", "issue", "--dir", dir.toString(), "--csr", "nas.csr", "--name", "nas.home.arpa",
                "--approve", "--out", "nas-chain.pem");
        assertThat(issue.exit()).as(issue.err()).isZero();
        assertThat(openssl("verify", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted", dir.resolve("intermediate.pem").toString(),
                "nas-chain.pem")).contains("nas-chain.pem: OK");

        Run revoked = localtrust("gateway", "revoke-intermediate", "--dir", dir.toString(), "--pin-file", pinFile.toString());
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        String crl = openssl("crl", "-inform", "DER", "-in", dir.resolve("root.crl").toString(), "-CAfile",
                dir.resolve("root.pem").toString(), "-noout", "-text");
        assertThat(crl).contains("verify OK", "Superseded", firstCa.trim().substring("serial=".length()));

        Run mixed = localtrust("gateway", "new-intermediate", "--dir", dir.toString(), "--passphrase-file", pinFile.toString());
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("--passphrase-file is for keys in files");
    }

    @Test
    void thePinNeverComesFromTheCommandLineAndOptionsDoNotMix() {
        Cli.Result both = Cli.run("gateway", "init", "--dir", tmp.resolve("a").toString(), "--pkcs11", config.toString(),
                "--passphrase-file", pinFile.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.errLines()).singleElement().asString().contains("--passphrase-file is for keys in files");
        Cli.Result pinOnly = Cli.run("gateway", "init", "--dir", tmp.resolve("b").toString(), "--pin-file", pinFile.toString());
        assertThat(pinOnly.exit()).isEqualTo(2);
        assertThat(pinOnly.errLines()).singleElement().asString().contains("--pin-file is for --pkcs11");
        Cli.Result ed = Cli.run("gateway", "init", "--dir", tmp.resolve("c").toString(), "--key", "ed25519",
                "--pkcs11", config.toString(), "--pin-file", pinFile.toString());
        assertThat(ed.exit()).isEqualTo(2);
        assertThat(ed.errLines()).singleElement().asString().contains("ec-p256 or ec-p384");
        Cli.Result pinValue = Cli.run("gateway", "init", "--dir", tmp.resolve("d").toString(), "--pkcs11", config.toString(),
                "--pin", "1234");
        assertThat(pinValue.exit()).isEqualTo(2);
        assertThat(tmp.resolve("a")).doesNotExist();
        assertThat(tmp.resolve("b")).doesNotExist();
        assertThat(tmp.resolve("c")).doesNotExist();
    }
}
