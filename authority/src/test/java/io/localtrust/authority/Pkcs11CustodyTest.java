package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static io.localtrust.authority.TestGateway.openssl;
import static io.localtrust.authority.TestGateway.writePem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.x509.Cert;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import io.localtrust.x509.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA keys in a real SoftHSM2 token, through SunPKCS11: ceremony, issuance, OCSP, errors. */
class Pkcs11CustodyTest {
    @TempDir
    Path tmp;

    private KeyCeremony.Result init(Path dir, Path config, Path pinFile, KeyKind kind) throws KeyCustodyException {
        return new KeyCeremony(Clock.systemUTC(), TestGateway.RANDOM).perform(new CeremonySpec(dir, "HSM gateway",
                TestGateway.policy(), kind, Duration.ofDays(90), "http://gateway.home.arpa:8080",
                KeyCustody.pkcs11(config, pinFile)), SoftHsm.PIN.toCharArray());
    }

    private Path pinFile(String pin) throws Exception {
        Path f = tmp.resolve("pin-" + pin.hashCode());
        Files.writeString(f, pin + "\n");
        return f;
    }

    private static Gateway open(Path dir) throws KeyCustodyException {
        // openssl judges OCSP times against the real clock
        return Gateway.open(dir, CompromisedKeys.none(), Clock.systemUTC(), TestGateway.RANDOM);
    }

    @Test
    void wholeFlowWithTheCaKeysInSoftHsm() throws Exception {
        SoftHsm.Token t = SoftHsm.token();
        Path config = t.writeConfig(tmp.resolve("softhsm.cfg"));
        Path pin = pinFile(SoftHsm.PIN);
        Path dir = tmp.resolve("gw");
        KeyCeremony.Result r = init(dir, config, pin, KeyKind.EC_P256);

        // nothing secret on disk: no key files, no private key anywhere in DIR
        assertThat(dir.resolve("root-key.p12")).doesNotExist();
        assertThat(dir.resolve("intermediate-key.pem")).doesNotExist();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("PRIVATE KEY");
            }
        }
        String json = Files.readString(dir.resolve("gateway.json"));
        assertThat(json).contains("\"kind\" : \"pkcs11\"", "\"pkcs11Config\" : \"" + config.toAbsolutePath() + "\"",
                "\"rootLabel\" : \"localtrust-root\"", "\"issuingLabel\" : \"localtrust-issuing\"",
                "\"pinFile\" : \"" + pin.toAbsolutePath() + "\"");
        assertThat(json).doesNotContain(SoftHsm.PIN);
        assertThat(ConfigJson.readCustody(dir.resolve("gateway.json"))).isEqualTo(KeyCustody.pkcs11(config, pin));
        var chain = openssl(dir, "verify", "-CAfile", "root.pem", "intermediate.pem");
        assertThat(chain.exit()).as(chain.output()).isZero();

        try (Gateway g = open(dir)) {
            assertThat(g.intermediate()).isEqualTo(r.intermediate());
            Cert leaf = g.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of("nas.home.arpa", "192.168.1.20"),
                    "test", true)).leaf();
            writePem(tmp.resolve("leaf.pem"), "CERTIFICATE", leaf.der());
            var verify = openssl(dir, "verify", "-CAfile", "root.pem", "-untrusted", "intermediate.pem",
                    tmp.resolve("leaf.pem").toString());
            assertThat(verify.exit()).as(verify.output()).isZero();
            assertThat(verify.output()).contains("leaf.pem: OK");

            byte[] good = g.ocsp().respond(leaf.serial());
            OcspStatus s = OcspResponses.read(good, leaf, g.intermediate());
            assertThat(s.status()).isEqualTo(OcspStatus.Status.GOOD);
            assertThat(s.signatureValid()).isTrue();
            Files.write(tmp.resolve("good.der"), good);
            var ocsp = openssl(tmp, "ocsp", "-respin", "good.der", "-issuer", dir.resolve("intermediate.pem").toString(),
                    "-CAfile", dir.resolve("root.pem").toString(), "-cert", "leaf.pem");
            assertThat(ocsp.output()).contains("Response verify OK", "leaf.pem: good");

            // a second issuance after the OCSP signature: the token session is still usable
            Cert second = g.authority().issue(new IssuanceRequest(csr(key(), "y"), List.of("tv.home.arpa"), "test", true)).leaf();
            assertThat(second.issuer()).isEqualTo(g.intermediate().subject());

            // the keys are in the token, marked sensitive and not extractable
            try (Pkcs11Token token = Pkcs11Token.login(config, SoftHsm.PIN.toCharArray())) {
                SigningKey issuing = token.signingKey(KeyCustody.ISSUING_LABEL, KeyFiles.toBcPublic(g.intermediate().spkiDer()));
                assertThat(issuing.provider().getName()).startsWith("SunPKCS11");
                assertThat(issuing.extractable()).isFalse();
                assertThat(issuing.privateKey().getEncoded()).isNull();
                assertThat(issuing.privateKey().toString()).contains("token object", "sensitive", "unextractable");
                KeyStore ks = KeyStore.getInstance("PKCS11", token.provider());
                ks.load(null, SoftHsm.PIN.toCharArray());
                PrivateKey root = (PrivateKey) ks.getKey(KeyCustody.ROOT_LABEL, null);
                assertThat(root).isNotNull();
                assertThat(root.getEncoded()).isNull();
                assertThat(root.toString()).contains("token object", "sensitive", "unextractable");
                assertThat(ks.getCertificate(KeyCustody.ROOT_LABEL).getEncoded()).isEqualTo(r.root().der());
                assertThat(ks.getCertificate(KeyCustody.ISSUING_LABEL).getEncoded()).isEqualTo(r.intermediate().der());
            }
        }
    }

    @Test
    void crlsAreSignedByTheTokenAndOpensslRejectsTheRevokedLeaf() throws Exception {
        SoftHsm.Token t = SoftHsm.token();
        Path config = t.writeConfig(tmp.resolve("softhsm.cfg"));
        Path dir = tmp.resolve("gw");
        init(dir, config, pinFile(SoftHsm.PIN), KeyKind.EC_P256);
        try (Gateway g = open(dir)) {
            Cert leaf = g.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of("p.home.arpa"), "t", true)).leaf();
            g.store().revoke(leaf.serial(), io.localtrust.store.RevocationReason.KEY_COMPROMISE, java.time.Instant.now(), "test");
            CrlSigner.Crl crl = g.crl().sign(g.store().revoked());
            writePem(tmp.resolve("leaf.pem"), "CERTIFICATE", leaf.der());
            Files.write(tmp.resolve("gw.crl"), crl.der());
            var v = openssl(tmp, "verify", "-crl_check", "-CRLfile", "gw.crl", "-CAfile", dir.resolve("root.pem").toString(),
                    "-untrusted", dir.resolve("intermediate.pem").toString(), "leaf.pem");
            assertThat(v.exit()).isNotZero();
            assertThat(v.output()).contains("certificate revoked");
            // the root CRL, signed at init by the token's root key, covers the root and the issuing CA
            var rootCrl = openssl(tmp, "crl", "-inform", "DER", "-in", dir.resolve("root.crl").toString(), "-CAfile",
                    dir.resolve("root.pem").toString(), "-noout", "-text");
            assertThat(rootCrl.output()).contains("verify OK", "No Revoked Certificates");
            var issuing = openssl(tmp, "verify", "-crl_check_all", "-CRLfile", dir.resolve("root.crl").toString(),
                    "-CAfile", dir.resolve("root.pem").toString(), dir.resolve("intermediate.pem").toString());
            assertThat(issuing.exit()).as(issuing.output()).isZero();
        }
    }

    @Test
    void p384KeysInTheTokenIssueVerifiableCertificates() throws Exception {
        // session keys this time (no CKA_TOKEN): storing them under their labels copies them into the token
        SoftHsm.Token t = SoftHsm.token();
        Path config = tmp.resolve("softhsm.cfg");
        Files.writeString(config, SoftHsm.config(t, false) + """
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                }
                """);
        Path dir = tmp.resolve("gw");
        KeyCeremony.Result r = init(dir, config, pinFile(SoftHsm.PIN), KeyKind.EC_P384);
        assertThat(r.root().key().describe()).contains("P-384");
        assertThat(r.root().signatureAlgorithm()).containsIgnoringCase("SHA384");
        try (Gateway g = open(dir)) {
            Cert leaf = g.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of("p.home.arpa"), "t", true)).leaf();
            assertThat(leaf.signatureAlgorithm()).containsIgnoringCase("SHA384");
            writePem(tmp.resolve("leaf.pem"), "CERTIFICATE", leaf.der());
            var verify = openssl(dir, "verify", "-CAfile", "root.pem", "-untrusted", "intermediate.pem",
                    tmp.resolve("leaf.pem").toString());
            assertThat(verify.exit()).as(verify.output()).isZero();
        }
        try (Pkcs11Token token = Pkcs11Token.login(config, SoftHsm.PIN.toCharArray())) {
            assertThat(token.holds(KeyCustody.ROOT_LABEL)).isTrue();
            SigningKey issuing = token.signingKey(KeyCustody.ISSUING_LABEL, KeyFiles.toBcPublic(r.intermediate().spkiDer()));
            assertThat(issuing.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
            assertThat(issuing.privateKey().toString()).contains("token object", "sensitive", "unextractable");
        }
    }

    @Test
    void wrongPinIsRefusedClearlyAndCreatesNothing() throws Exception {
        SoftHsm.Token t = SoftHsm.token();
        Path config = t.writeConfig(tmp.resolve("softhsm.cfg"));
        Path dir = tmp.resolve("gw");
        assertThatThrownBy(() -> new KeyCeremony(Clock.systemUTC(), TestGateway.RANDOM).perform(new CeremonySpec(dir, "x",
                TestGateway.policy(), KeyKind.EC_P256, Duration.ofDays(90), "http://gw.home.arpa",
                KeyCustody.pkcs11(config, null)), "not-the-pin".toCharArray()))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessage(config.toAbsolutePath() + ": wrong PKCS#11 PIN");
        assertThat(dir).doesNotExist();

        Path pin = pinFile(SoftHsm.PIN);
        init(dir, config, pin, KeyKind.EC_P256); // logs out of the token when done
        Files.writeString(pin, "not-the-pin\n");
        assertThatThrownBy(() -> open(dir)).isInstanceOf(KeyCustodyException.class)
                .hasMessage(config.toAbsolutePath() + ": wrong PKCS#11 PIN (from " + pin.toAbsolutePath() + ")");
        Files.writeString(pin, SoftHsm.PIN + "\n");
        try (Gateway g = open(dir)) {
            assertThat(g.intermediate().ca()).isTrue();
        }
        // closing the gateway logged out of the token: the PIN is checked again at the next open
        Files.writeString(pin, "not-the-pin\n");
        assertThatThrownBy(() -> open(dir)).isInstanceOf(KeyCustodyException.class).hasMessageContaining("wrong PKCS#11 PIN");
    }

    @Test
    void missingPinLabelTokenLibraryAndConfigAreOneLineErrors() throws Exception {
        SoftHsm.Token t = SoftHsm.token();
        SoftHsm.Token empty = SoftHsm.token();
        Path config = t.writeConfig(tmp.resolve("softhsm.cfg"));
        Path dir = tmp.resolve("gw");
        KeyCeremony.Result made = init(dir, config, null, KeyKind.EC_P256);
        assertThat(made.files().dir()).exists();
        // no PIN file recorded and no LOCALTRUST_PKCS11_PIN in the test JVM
        assertThatThrownBy(() -> open(dir)).hasMessageContaining("no PKCS#11 PIN: set LOCALTRUST_PKCS11_PIN");
        KeyCustody custody = ConfigJson.readCustody(dir.resolve("gateway.json"));
        Map<String, String> env = Map.of(KeyCustody.PIN_ENV, SoftHsm.PIN);
        GatewayFiles files = new GatewayFiles(dir);
        assertThat(custody.issuingKey(files, made.intermediate(), env).extractable()).isFalse();

        // another token: the labels are not there
        Files.writeString(config, SoftHsm.config(empty, true));
        assertThatThrownBy(() -> custody.issuingKey(files, made.intermediate(), env))
                .hasMessage(config.toAbsolutePath() + ": the token holds no private key labelled 'localtrust-issuing'"
                        + " (is this the token the gateway was made with?)");
        // no token in that slot
        Files.writeString(config, SoftHsm.config(new SoftHsm.Token("none", 987654321L), true));
        assertThatThrownBy(() -> custody.issuingKey(files, made.intermediate(), env))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("no initialised token in the configured slot");
        // no library
        Files.writeString(config, "name = x\nlibrary = /nonexistent/libsofthsm2.so\nslot = 1\n");
        assertThatThrownBy(() -> custody.issuingKey(files, made.intermediate(), env))
                .hasMessage(config.toAbsolutePath() + ": PKCS#11 library /nonexistent/libsofthsm2.so is missing"
                        + " (install the Debian package softhsm2)");
        // no configuration
        Files.delete(config);
        assertThatThrownBy(() -> custody.issuingKey(files, made.intermediate(), env))
                .hasMessageStartingWith(config.toAbsolutePath() + ": cannot read the PKCS#11 configuration");
    }

    @Test
    void aTokenThatAlreadyHoldsAGatewayIsNotOverwritten() throws Exception {
        SoftHsm.Token t = SoftHsm.token();
        Path config = t.writeConfig(tmp.resolve("softhsm.cfg"));
        Path pin = pinFile(SoftHsm.PIN);
        Path first = tmp.resolve("first");
        KeyCeremony.Result r = init(first, config, pin, KeyKind.EC_P256);
        Path second = tmp.resolve("second");
        assertThatThrownBy(() -> init(second, config, pin, KeyKind.EC_P256)).isInstanceOf(KeyCustodyException.class)
                .hasMessage(config.toAbsolutePath() + ": the token already holds 'localtrust-root' (another gateway's key?):"
                        + " refusing to overwrite it");
        assertThat(second).doesNotExist();
        try (Gateway g = open(first)) {
            assertThat(g.intermediate()).isEqualTo(r.intermediate());
        }
    }

    @Test
    void aTokenThatWouldLetTheKeyOutIsRefused() throws Exception {
        SoftHsm.Token t = SoftHsm.token();
        Path config = tmp.resolve("softhsm.cfg");
        Files.writeString(config, SoftHsm.config(t, false) + """
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_SENSITIVE = false
                  CKA_EXTRACTABLE = true
                }
                """);
        Path dir = tmp.resolve("gw");
        assertThatThrownBy(() -> init(dir, config, null, KeyKind.EC_P256)).isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("the token made an extractable private key");
        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> new CeremonySpec(dir, "x", TestGateway.policy(), KeyKind.ED25519, Duration.ofDays(90),
                "http://gw.home.arpa", KeyCustody.pkcs11(config, null))).hasMessageContaining("ec-p256 or ec-p384");
    }

    @Test
    void keysInFilesStillSignWithBouncyCastle() throws Exception {
        KeyCeremony.Result r = TestGateway.init(tmp.resolve("gw"));
        assertThat(ConfigJson.readCustody(r.files().config())).isEqualTo(KeyCustody.files());
        assertThat(Files.readString(r.files().config())).contains("\"kind\" : \"files\"");
        SigningKey k = KeyCustody.files().issuingKey(r.files(), r.intermediate(), Map.of());
        assertThat(k.provider().getName()).isEqualTo("BC");
        assertThat(k.privateKey().getClass().getName()).startsWith("org.bouncycastle");
    }
}
