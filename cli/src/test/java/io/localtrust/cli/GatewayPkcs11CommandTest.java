package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway init --pkcs11 CONFIG --pin-file FILE} with a real SoftHSM2 token, then
 * {@code gateway issue} from that gateway, verified by openssl. Each command runs in its own JVM
 * with this test's own token ({@link SoftHsmToken}).
 */
class GatewayPkcs11CommandTest {
    private static final String PIN = SoftHsmToken.PIN;

    @TempDir
    Path tmp;
    SoftHsmToken token;
    Path config;
    Path pinFile;

    @BeforeEach
    void token() throws Exception {
        token = SoftHsmToken.fresh(tmp);
        config = token.config;
        pinFile = token.pinFile;
    }

    private SoftHsmToken.Run localtrust(String... args) throws Exception {
        return token.localtrust(args);
    }

    private String openssl(String... args) throws Exception {
        return token.openssl(args);
    }

    @Test
    void initWithTheKeysInSoftHsmThenIssueFromTheToken() throws Exception {
        Path dir = tmp.resolve("gw");
        SoftHsmToken.Run init = localtrust("gateway", "init", "--dir", dir.toString(), "--name", "HSM home", "--key", "ec-p384",
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
        SoftHsmToken.Run issue = localtrust("gateway", "issue", "--dir", dir.toString(), "--csr", "nas.csr", "--name", "nas.home.arpa",
                "--approve", "--out", "nas-chain.pem");
        assertThat(issue.exit()).as(issue.err()).isZero();
        String verify = openssl("verify", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted", "nas-chain.pem",
                "nas-chain.pem");
        assertThat(verify).contains("nas-chain.pem: OK");
        assertThat(openssl("x509", "-in", "nas-chain.pem", "-noout", "-text")).contains("ecdsa-with-SHA384", "DNS:nas.home.arpa");

        Files.writeString(pinFile, "not-the-pin\n");
        SoftHsmToken.Run wrong = localtrust("gateway", "issue", "--dir", dir.toString(), "--csr", "nas.csr", "--name", "nas.home.arpa",
                "--approve");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err().lines().toList()).singleElement().asString().contains("wrong PKCS#11 PIN");
    }

    @Test
    void rootOperationsWithTheKeysInSoftHsm() throws Exception {
        Path dir = tmp.resolve("gw");
        SoftHsmToken.Run init = localtrust("gateway", "init", "--dir", dir.toString(), "--permit", "home.arpa", "--pkcs11", config.toString(),
                "--pin-file", pinFile.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        String firstCa = openssl("x509", "-in", dir.resolve("intermediate.pem").toString(), "-noout", "-serial");

        Path wrongPin = tmp.resolve("wrong-pin.txt");
        Files.writeString(wrongPin, "not-the-pin\n");
        SoftHsmToken.Run wrong = localtrust("gateway", "new-intermediate", "--dir", dir.toString(), "--pin-file", wrongPin.toString());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err().lines().toList()).singleElement().asString().contains("wrong PKCS#11 PIN");
        assertThat(openssl("x509", "-in", dir.resolve("intermediate.pem").toString(), "-noout", "-serial")).isEqualTo(firstCa);

        SoftHsmToken.Run made = localtrust("gateway", "new-intermediate", "--dir", dir.toString()); // the PIN file recorded at init
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("New issuing CA");
        assertThat(Files.readString(dir.resolve("gateway.json"))).contains("\"issuingLabel\" : \"localtrust-issuing-");

        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "nas.key", "-subj", "/CN=nas", "-out", "nas.csr");
        SoftHsmToken.Run issue = localtrust("gateway", "issue", "--dir", dir.toString(), "--csr", "nas.csr", "--name", "nas.home.arpa",
                "--approve", "--out", "nas-chain.pem");
        assertThat(issue.exit()).as(issue.err()).isZero();
        assertThat(openssl("verify", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted", dir.resolve("intermediate.pem").toString(),
                "nas-chain.pem")).contains("nas-chain.pem: OK");

        SoftHsmToken.Run revoked = localtrust("gateway", "revoke-intermediate", "--dir", dir.toString(), "--pin-file", pinFile.toString());
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        String crl = openssl("crl", "-inform", "DER", "-in", dir.resolve("root.crl").toString(), "-CAfile",
                dir.resolve("root.pem").toString(), "-noout", "-text");
        assertThat(crl).contains("verify OK", "Superseded", firstCa.trim().substring("serial=".length()));

        SoftHsmToken.Run mixed = localtrust("gateway", "new-intermediate", "--dir", dir.toString(), "--passphrase-file", pinFile.toString());
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
