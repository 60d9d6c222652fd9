package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static io.localtrust.authority.TestGateway.openssl;
import static io.localtrust.authority.TestGateway.writePem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.ApprovalStore;
import io.localtrust.x509.Cert;
import io.localtrust.x509.Digests;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.Oids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityTest {
    @TempDir
    Path tmp;
    Path dir;
    Gateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("gw");
        TestGateway.init(dir);
        gateway = TestGateway.open(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    private Issued issue(KeyPair key, boolean approve, String... names) throws IssuanceRefused {
        return gateway.authority().issue(new IssuanceRequest(csr(key, "ignored.example"), List.of(names), "test", approve));
    }

    private void assertRefused(Refusal code, ThrowingIssue call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IssuanceRefused.class,
                e -> assertThat(e.refusal()).as(e.getMessage()).isEqualTo(code));
    }

    interface ThrowingIssue {
        void run() throws Exception;
    }

    @Test
    void issuesTheDeviceProfileAndOpensslVerifiesTheChain() throws Exception {
        Issued issued = issue(key(), true, "printer.home.arpa", "192.168.1.20");
        Cert leaf = issued.leaf();
        assertThat(leaf.dnsNames()).containsExactly("printer.home.arpa");
        assertThat(leaf.ipAddresses()).containsExactly("192.168.1.20");
        assertThat(leaf.subjectCommonName()).hasValue("printer.home.arpa");
        assertThat(leaf.ekus()).containsExactly(Oids.KP_SERVER_AUTH, Oids.KP_LOCAL_DEVICE);
        assertThat(leaf.keyUsage()).containsExactly("digitalSignature");
        assertThat(leaf.ca()).isFalse();
        assertThat(leaf.serial().bitLength()).isGreaterThan(64);
        assertThat(Duration.between(leaf.notBefore(), leaf.notAfter()).plusSeconds(1)).isEqualTo(Duration.ofDays(90));
        assertThat(leaf.ocspUrls()).containsExactly("http://gateway.home.arpa:8080/ocsp");
        assertThat(leaf.caIssuerUrls()).containsExactly("http://gateway.home.arpa:8080/ca/intermediate.der");
        assertThat(leaf.crlUrls()).containsExactly("http://gateway.home.arpa:8080/crl/intermediate-"
                + gateway.intermediate().serial().toString(16) + ".crl");
        assertThat(issued.chain()).containsExactly(leaf, gateway.intermediate());
        assertThat(gateway.store().certificate(leaf.serial())).hasValueSatisfying(c -> assertThat(c.der()).isEqualTo(leaf.der()));

        writePem(tmp.resolve("leaf.pem"), "CERTIFICATE", leaf.der());
        var verify = openssl(dir, "verify", "-CAfile", "root.pem", "-untrusted", "intermediate.pem",
                "-attime", String.valueOf(TestGateway.NOW.getEpochSecond()), tmp.resolve("leaf.pem").toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains(": OK");
    }

    @Test
    void theIssuedCertificateIsWhatAParseOfItsDerGives() throws Exception {
        // the draft is read from the structure built, not parsed back from its DER: every field of the
        // certificate handed out must still be what a verifier parsing the DER sees
        for (Issued issued : List.of(issue(key(), true, "printer.home.arpa", "192.168.1.20"), issue(key(), true, "127.0.4.2"))) {
            Cert parsed = new io.localtrust.x509.CertificateReader().parseDer(issued.leaf().der());
            for (var c : Cert.class.getRecordComponents()) {
                Object mine = c.getAccessor().invoke(issued.leaf());
                Object theirs = c.getAccessor().invoke(parsed);
                if (c.getName().equals("selfSignature")) {
                    assertThat(issued.leaf().selfSigned()).isEqualTo(parsed.selfSigned()).isFalse();
                } else if (mine instanceof byte[] b) {
                    assertThat(b).as(c.getName()).isEqualTo((byte[]) theirs);
                } else {
                    assertThat(mine).as(c.getName()).isEqualTo(theirs);
                }
            }
        }
    }

    @Test
    void ipOnlyDeviceGetsEmptySubjectWithCriticalSanAndVerifies() throws Exception {
        Cert leaf = issue(key(), true, "127.0.4.1").leaf();
        assertThat(leaf.subject()).isEmpty();
        assertThat(leaf.extensions()).anySatisfy(e -> {
            assertThat(e.oid()).isEqualTo("2.5.29.17");
            assertThat(e.critical()).isTrue();
        });
        writePem(tmp.resolve("ip.pem"), "CERTIFICATE", leaf.der());
        var verify = openssl(dir, "verify", "-CAfile", "root.pem", "-untrusted", "intermediate.pem",
                "-attime", String.valueOf(TestGateway.NOW.getEpochSecond()), tmp.resolve("ip.pem").toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
    }

    @Test
    void acceptsACsrMadeByOpensslReq() throws Exception {
        var gen = openssl(tmp, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "device.key", "-subj", "/CN=whatever", "-outform", "DER", "-out", "device.csr");
        assertThat(gen.exit()).as(gen.output()).isZero();
        byte[] der = Files.readAllBytes(tmp.resolve("device.csr"));
        Issued issued = gateway.authority().issue(new IssuanceRequest(der, List.of("nas.home.arpa"), "test", true));
        assertThat(issued.leaf().dnsNames()).containsExactly("nas.home.arpa");
        assertThat(issued.leaf().subject()).doesNotContain("whatever"); // names come from approval, not the CSR
    }

    @Test
    void newDeviceWaitsForApprovalThenIsIssuedOnceApproved() throws Exception {
        KeyPair k = key();
        assertRefused(Refusal.PENDING_APPROVAL, () -> issue(k, false, "cam.home.arpa"));
        String devId = Digests.devId(k.getPublic().getEncoded());
        assertThat(gateway.store().device(devId)).hasValueSatisfying(d -> assertThat(d.state()).isEqualTo(ApprovalState.PENDING));
        assertThat(gateway.store().certificates()).isEmpty();
        gateway.store().setState(devId, ApprovalState.APPROVED, TestGateway.NOW);
        assertThat(issue(k, false, "cam.home.arpa").devId()).isEqualTo(devId);
    }

    @Test
    void deniedDeviceStaysDenied() throws Exception {
        KeyPair k = key();
        assertRefused(Refusal.PENDING_APPROVAL, () -> issue(k, false, "tv.home.arpa"));
        gateway.store().setState(Digests.devId(k.getPublic().getEncoded()), ApprovalState.DENIED, TestGateway.NOW);
        assertRefused(Refusal.DENIED, () -> issue(k, false, "tv.home.arpa"));
        assertRefused(Refusal.DENIED, () -> issue(k, true, "tv.home.arpa"));
    }

    @Test
    void preAuthorisedNameIsApprovedWithoutAPerson() throws Exception {
        gateway.store().allow(new ApprovalStore.Allowance("plug.home.arpa", TestGateway.NOW.plus(Duration.ofMinutes(10)), "test"));
        assertThat(issue(key(), false, "plug.home.arpa").leaf().dnsNames()).containsExactly("plug.home.arpa");
        assertRefused(Refusal.PENDING_APPROVAL, () -> issue(key(), false, "other.home.arpa"));
    }

    @Test
    void keyBoundToOneDeviceCannotBeCertifiedForAnother() throws Exception {
        KeyPair shared = key();
        issue(shared, true, "printer-1.home.arpa");
        assertRefused(Refusal.KEY_BOUND_TO_OTHER_DEVICE, () -> issue(shared, true, "printer-2.home.arpa"));
        assertThat(issue(shared, false, "printer-1.home.arpa").leaf().dnsNames()).containsExactly("printer-1.home.arpa");
        // the same device with a new address (a DHCP change) is still the same device
        assertThat(issue(shared, false, "printer-1.home.arpa", "192.168.1.77").leaf().ipAddresses()).containsExactly("192.168.1.77");
    }

    @Test
    void namesOutsideTheConstraintsAreRefused() {
        assertRefused(Refusal.NAME_NOT_PERMITTED, () -> issue(key(), true, "bank.example"));
        assertRefused(Refusal.NAME_NOT_PERMITTED, () -> issue(key(), true, "printer.home.arpa", "8.8.8.8"));
        assertRefused(Refusal.BAD_IDENTITY, () -> issue(key(), true, "*.home.arpa"));
        assertRefused(Refusal.BAD_IDENTITY, () -> issue(key(), true, "bad_name.home.arpa"));
        assertRefused(Refusal.BAD_IDENTITY, () -> issue(key(), true));
    }

    @Test
    void malformedOrForgedRequestsAreRefused() {
        assertRefused(Refusal.BAD_CSR, () -> gateway.authority().issue(new IssuanceRequest(new byte[] {0x30, 0x03, 1, 2, 3},
                List.of("a.home.arpa"), "t", true)));
        assertRefused(Refusal.BAD_CSR, () -> gateway.authority().issue(new IssuanceRequest(new byte[0], List.of("a.home.arpa"), "t", true)));
        byte[] good = csr(key(), "x");
        byte[] forged = good.clone();
        forged[forged.length - 5] ^= 0x01; // inside the signature
        assertRefused(Refusal.BAD_CSR_SIGNATURE, () -> gateway.authority().issue(new IssuanceRequest(forged, List.of("a.home.arpa"), "t", true)));
    }

    @Test
    void weakUnsupportedAndCompromisedKeysAreRefused() throws Exception {
        assertRefused(Refusal.WEAK_KEY, () -> issue(KeyKind.RSA_1024.generate(TestGateway.RANDOM), true, "old.home.arpa"));
        KeyPair leaked = key();
        CompromisedKeys list = new CompromisedKeys.Builder().spkiSha256(Digests.sha256Hex(leaked.getPublic().getEncoded()),
                new CompromisedKeys.Match("firmware-dump.csv", "")).build();
        gateway.close();
        gateway = Gateway.open(dir, list, TestGateway.CLOCK, TestGateway.RANDOM);
        assertRefused(Refusal.COMPROMISED_KEY, () -> issue(leaked, true, "router.home.arpa"));
        assertThat(issue(KeyKind.RSA_2048.generate(TestGateway.RANDOM), true, "rsa.home.arpa").leaf().keyUsage())
                .containsExactlyInAnyOrder("digitalSignature", "keyEncipherment");
        var secp256k1 = java.security.KeyPairGenerator.getInstance("EC", io.localtrust.x509.BouncyCastle.provider());
        secp256k1.initialize(new java.security.spec.ECGenParameterSpec("secp256k1"));
        assertRefused(Refusal.UNSUPPORTED_KEY, () -> issue(secp256k1.generateKeyPair(), true, "k1.home.arpa"));
    }

    @Test
    void nameConstraintsStopEvenACertificateTheAuthorityWouldNeverMake() throws Exception {
        // Sign a leaf for bank.example with the issuing key directly, bypassing every check:
        // the constraints in root and intermediate must still make verifiers reject it.
        var issuingKey = KeyFiles.readIntermediateKey(gateway.files().intermediateKey());
        var profile = new LeafProfile(gateway.config(), gateway.intermediate(),
                SigningKey.bouncyCastle(issuingKey, KeyFiles.toBcPublic(gateway.intermediate().spkiDer())));
        KeyPair k = key();
        var draft = profile.draft(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(k.getPublic().getEncoded()),
                false, List.of(Identity.parse("bank.example")), java.math.BigInteger.TEN, TestGateway.NOW);
        Cert rogue = profile.sign(new io.localtrust.x509.CertificateReader().parseDer(draft.der()), TestGateway.RANDOM);
        writePem(tmp.resolve("rogue.pem"), "CERTIFICATE", rogue.der());
        var verify = openssl(dir, "verify", "-CAfile", "root.pem", "-untrusted", "intermediate.pem",
                "-attime", String.valueOf(TestGateway.NOW.getEpochSecond()), tmp.resolve("rogue.pem").toString());
        assertThat(verify.exit()).isNotZero();
        assertThat(verify.output()).contains("permitted subtree violation");
    }

    @Test
    void everyIssuanceIsAudited() throws Exception {
        issue(key(), true, "a.home.arpa");
        assertThat(gateway.store().events(1, 100)).extracting(e -> e.action()).contains("init", "register", "approve");
        assertThat(gateway.store().verify()).isEmpty();
    }
}
