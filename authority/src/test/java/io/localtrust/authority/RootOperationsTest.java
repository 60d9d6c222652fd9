package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.NOW;
import static io.localtrust.authority.TestGateway.PASSPHRASE;
import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static io.localtrust.authority.TestGateway.openssl;
import static io.localtrust.authority.TestGateway.writePem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.RevocationReason;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import io.localtrust.x509.SoftHsm;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootOperationsTest {
    private static final String AT = String.valueOf(NOW.plusSeconds(60).getEpochSecond());

    @TempDir
    Path tmp;
    Path dir;
    RootOperations ops;

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("gw");
        TestGateway.init(dir);
        ops = new RootOperations(TestGateway.CLOCK, TestGateway.RANDOM);
    }

    /** Issues a leaf for NAME and writes it to tmp/FILE; also writes the issuing CA's (empty) CRL to tmp/CRLFILE. */
    private Cert issue(String name, String file, String crlFile) throws Exception {
        try (Gateway g = TestGateway.open(dir)) {
            Cert leaf = g.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of(name), "test", true)).leaf();
            writePem(tmp.resolve(file), "CERTIFICATE", leaf.der());
            Files.write(tmp.resolve(crlFile), g.crl().sign(List.of()).der());
            return leaf;
        }
    }

    private TestGateway.Run verify(String untrusted, String leaf, String... crls) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "-attime", AT, "-CAfile", dir.resolve("root.pem").toString(),
                "-untrusted", untrusted));
        if (crls.length > 0) {
            args.add("-crl_check_all");
            for (String c : crls) {
                args.addAll(List.of("-CRLfile", c));
            }
        }
        args.add(tmp.resolve(leaf).toString());
        return openssl(tmp, args.toArray(String[]::new));
    }

    private Map<String, String> snapshot() throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    @Test
    void initSignsAnEmptyRootCrlThatOpensslAccepts() throws Exception {
        assertThat(dir.resolve("root.crl")).exists();
        var check = openssl(dir, "crl", "-inform", "DER", "-in", "root.crl", "-CAfile", "root.pem", "-noout", "-text");
        assertThat(check.output()).contains("verify OK").contains("No Revoked Certificates");
        assertThat(check.output()).contains("Next Update: Jun  1 12:00:00 2027 GMT");
        Cert intermediate = new CertificateReader().read(dir.resolve("intermediate.pem")).get(0);
        assertThat(intermediate.crlUrls()).containsExactly("http://gateway.home.arpa:8080/crl/root.crl");
    }

    @Test
    void newIntermediateSwitchesAndTheOldOnesCertificatesStillVerify() throws Exception {
        Cert old = new CertificateReader().read(dir.resolve("intermediate.pem")).get(0);
        issue("old.home.arpa", "old-leaf.pem", "old.crl");

        RootOperations.NewIntermediate r = ops.newIntermediate(dir, null, PASSPHRASE, "test");
        assertThat(r.previous()).isEqualTo(old);
        Cert now = new CertificateReader().read(dir.resolve("intermediate.pem")).get(0);
        assertThat(now).isEqualTo(r.current()).isNotEqualTo(old);
        assertThat(now.subject()).isEqualTo(old.subject());
        assertThat(now.spkiDer()).isNotEqualTo(old.spkiDer());
        assertThat(now.pathLength()).hasValue(0);
        assertThat(now.crlUrls()).containsExactly("http://gateway.home.arpa:8080/crl/root.crl");
        Path kept = dir.resolve("intermediate-" + old.serial().toString(16) + ".pem");
        assertThat(r.previousKept()).isEqualTo(kept);
        assertThat(new CertificateReader().read(kept).get(0)).isEqualTo(old);
        Path keptKey = dir.resolve("intermediate-" + old.serial().toString(16) + "-key.pem");
        assertThat(Files.getPosixFilePermissions(keptKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("intermediate-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".next") || n.endsWith(".tmp"));
        }

        issue("new.home.arpa", "new-leaf.pem", "new.crl");
        var fresh = verify(dir.resolve("intermediate.pem").toString(), "new-leaf.pem");
        assertThat(fresh.exit()).as(fresh.output()).isZero();
        var previous = verify(kept.toString(), "old-leaf.pem");
        assertThat(previous.exit()).as(previous.output()).isZero();
        var mixed = verify(dir.resolve("intermediate.pem").toString(), "old-leaf.pem");
        assertThat(mixed.exit()).as(mixed.output()).isNotZero();

        try (Gateway g = TestGateway.open(dir)) {
            List<AuditEvent> events = g.store().events(0, 100);
            assertThat(events).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("new-intermediate");
                assertThat(e.subject()).contains(now.serial().toString(16));
            });
        }
    }

    @Test
    void revokeIntermediatePublishesARootCrlThatOpensslHonours() throws Exception {
        Cert old = new CertificateReader().read(dir.resolve("intermediate.pem")).get(0);
        issue("old.home.arpa", "old-leaf.pem", "old.crl");
        ops.newIntermediate(dir, null, PASSPHRASE, "test");
        issue("new.home.arpa", "new-leaf.pem", "new.crl");
        String kept = dir.resolve("intermediate-" + old.serial().toString(16) + ".pem").toString();
        String rootCrl = dir.resolve("root.crl").toString();

        var before = verify(kept, "old-leaf.pem", rootCrl, tmp.resolve("old.crl").toString());
        assertThat(before.exit()).as(before.output()).isZero();

        RootOperations.RevokedIntermediate r = ops.revokeIntermediate(dir, null, PASSPHRASE, null,
                RevocationReason.KEY_COMPROMISE, "test");
        assertThat(r.revoked()).isEqualTo(old);
        assertThat(r.crlNumber()).isEqualTo(BigInteger.TWO);
        assertThat(dir.resolve("intermediate-" + old.serial().toString(16) + "-key.pem")).doesNotExist();

        var after = verify(kept, "old-leaf.pem", rootCrl, tmp.resolve("old.crl").toString());
        assertThat(after.exit()).as(after.output()).isNotZero();
        assertThat(after.output()).contains("certificate revoked");
        var current = verify(dir.resolve("intermediate.pem").toString(), "new-leaf.pem", rootCrl, tmp.resolve("new.crl").toString());
        assertThat(current.exit()).as(current.output()).isZero();
        var text = openssl(dir, "crl", "-inform", "DER", "-in", "root.crl", "-CAfile", "root.pem", "-noout", "-text");
        assertThat(text.output()).contains("verify OK").contains("Key Compromise");

        assertThatThrownBy(() -> ops.revokeIntermediate(dir, null, PASSPHRASE, old.serial(), RevocationReason.SUPERSEDED, "test"))
                .hasMessageContaining("already revoked");
        assertThatThrownBy(() -> ops.revokeIntermediate(dir, null, PASSPHRASE, null, RevocationReason.SUPERSEDED, "test"))
                .hasMessageContaining("new-intermediate");
    }

    @Test
    void revokingTheOnlyIssuingCaIsRefusedWithAdvice() throws Exception {
        Cert current = new CertificateReader().read(dir.resolve("intermediate.pem")).get(0);
        Map<String, String> before = snapshot();
        assertThatThrownBy(() -> ops.revokeIntermediate(dir, null, PASSPHRASE, null, RevocationReason.SUPERSEDED, "test"))
                .hasMessageContaining("run `localtrust gateway new-intermediate");
        assertThatThrownBy(() -> ops.revokeIntermediate(dir, null, PASSPHRASE, current.serial(), RevocationReason.SUPERSEDED, "test"))
                .hasMessageContaining("is the current issuing CA");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void wrongPassphraseChangesNothing() throws Exception {
        Map<String, String> before = snapshot();
        char[] wrong = "not the passphrase at all".toCharArray();
        assertThatThrownBy(() -> ops.newIntermediate(dir, null, wrong, "test"))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("wrong passphrase").hasMessageContaining("nothing was changed");
        assertThat(snapshot()).isEqualTo(before);

        ops.newIntermediate(dir, null, PASSPHRASE, "test");
        Map<String, String> switched = snapshot();
        assertThatThrownBy(() -> ops.revokeIntermediate(dir, null, wrong, null, RevocationReason.SUPERSEDED, "test"))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("wrong passphrase");
        assertThat(snapshot()).isEqualTo(switched);
    }

    @Test
    void aRootKeyMovedOfflineIsAskedBack() throws Exception {
        Files.move(dir.resolve("root-key.p12"), tmp.resolve("offline.p12"));
        Map<String, String> before = snapshot();
        assertThatThrownBy(() -> ops.newIntermediate(dir, null, PASSPHRASE, "test"))
                .hasMessageContaining("moved offline? bring root-key.p12 back");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void withTheKeysInSoftHsmTheNewIssuingKeyIsMadeInTheTokenAndTheOldOneGoesAtRevocation() throws Exception {
        SoftHsm.Token t = SoftHsm.token();
        Path config = t.writeConfig(tmp.resolve("softhsm.cfg"));
        Path pin = tmp.resolve("pin");
        Files.writeString(pin, SoftHsm.PIN + "\n");
        dir = tmp.resolve("hsm");
        new KeyCeremony(TestGateway.CLOCK, TestGateway.RANDOM).perform(new CeremonySpec(dir, "HSM gateway", TestGateway.policy(),
                io.localtrust.x509.KeyKind.EC_P256, java.time.Duration.ofDays(90), "http://gateway.home.arpa:8080",
                KeyCustody.pkcs11(config, pin)), SoftHsm.PIN.toCharArray());
        Cert old = new CertificateReader().read(dir.resolve("intermediate.pem")).get(0);
        // before any Gateway.open in this JVM: an open gateway keeps the token logged in, and SunPKCS11 then
        // checks no PIN (one process; the CLI runs each command in its own)
        Map<String, String> before = snapshot();
        assertThatThrownBy(() -> ops.newIntermediate(dir, null, "not-the-pin".toCharArray(), "test"))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("wrong PKCS#11 PIN");
        assertThat(snapshot()).isEqualTo(before);
        issue("old.home.arpa", "old-leaf.pem", "old.crl");

        RootOperations.NewIntermediate r = ops.newIntermediate(dir, null, SoftHsm.PIN.toCharArray(), "test");
        String label = "localtrust-issuing-" + r.current().serial().toString(16);
        assertThat(Files.readString(dir.resolve("gateway.json"))).contains("\"issuingLabel\" : \"" + label + "\"",
                "\"rootLabel\" : \"localtrust-root\"");
        assertThat(dir.resolve("intermediate-key.pem")).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("-key.pem") || n.endsWith(".next"));
        }
        issue("new.home.arpa", "new-leaf.pem", "new.crl"); // signed in the token under the new label
        try (Gateway g = TestGateway.open(dir)) { // the replaced CA's key is found in the token under its old label
            assertThat(g.issuers()).extracting(c -> c.certificate().serial()).containsExactly(r.current().serial(), old.serial());
            Cert oldLeaf = new CertificateReader().read(tmp.resolve("old-leaf.pem")).get(0);
            OcspStatus s = OcspResponses.read(g.issuers().get(1).ocsp().respond(oldLeaf.serial()), oldLeaf, old);
            assertThat(s.status()).isEqualTo(OcspStatus.Status.GOOD);
            assertThat(s.signatureValid()).isTrue();
        }
        var fresh = verify(dir.resolve("intermediate.pem").toString(), "new-leaf.pem");
        assertThat(fresh.exit()).as(fresh.output()).isZero();
        Path kept = dir.resolve("intermediate-" + old.serial().toString(16) + ".pem");
        var previous = verify(kept.toString(), "old-leaf.pem");
        assertThat(previous.exit()).as(previous.output()).isZero();

        ops.revokeIntermediate(dir, null, SoftHsm.PIN.toCharArray(), null, RevocationReason.SUPERSEDED, "test");
        var after = verify(kept.toString(), "old-leaf.pem", dir.resolve("root.crl").toString(), tmp.resolve("old.crl").toString());
        assertThat(after.output()).contains("certificate revoked");
        var current = verify(dir.resolve("intermediate.pem").toString(), "new-leaf.pem", dir.resolve("root.crl").toString(),
                tmp.resolve("new.crl").toString());
        assertThat(current.exit()).as(current.output()).isZero();
        try (Gateway g = TestGateway.open(dir)) {
            assertThat(g.issuers()).extracting(c -> c.certificate().serial()).containsExactly(r.current().serial());
        }
        try (Pkcs11Token token = Pkcs11Token.login(config, SoftHsm.PIN.toCharArray())) {
            assertThat(token.holds(KeyCustody.ISSUING_LABEL)).isFalse(); // the revoked CA's key is gone
            assertThat(token.holds(label)).isTrue();
            assertThat(token.holds(KeyCustody.ROOT_LABEL)).isTrue();
        }
    }

    @Test
    void openLoadsTheReplacedCaWithItsKeptKeyUntilTheRootRevokesIt() throws Exception {
        Cert oldLeaf = issue("old.home.arpa", "old-leaf.pem", "old.crl");
        RootOperations.NewIntermediate r = ops.newIntermediate(dir, null, PASSPHRASE, "test");
        try (Gateway g = TestGateway.open(dir)) {
            assertThat(g.issuers()).extracting(c -> c.certificate().serial(), IssuingCa::current)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(r.current().serial(), true),
                            org.assertj.core.groups.Tuple.tuple(r.previous().serial(), false));
            OcspStatus s = OcspResponses.read(g.issuers().get(1).ocsp().respond(oldLeaf.serial()), oldLeaf, r.previous());
            assertThat(s.status()).isEqualTo(OcspStatus.Status.GOOD);
            assertThat(s.signatureValid()).isTrue();
        }
        // a kept key that is not the replaced CA's stops the start, as a wrong current key does
        Path kept = dir.resolve("intermediate-" + r.previous().serial().toString(16) + "-key.pem");
        byte[] keptKey = Files.readAllBytes(kept);
        Files.write(kept, Files.readAllBytes(dir.resolve("intermediate-key.pem")));
        assertThatThrownBy(() -> TestGateway.open(dir)).isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("does not belong to").hasMessageContaining("intermediate-" + r.previous().serial().toString(16) + ".pem");
        Files.write(kept, keptKey);

        ops.revokeIntermediate(dir, null, PASSPHRASE, null, RevocationReason.SUPERSEDED, "test");
        Files.write(kept, keptKey); // even were its key still there, the root CRL decides
        try (Gateway g = TestGateway.open(dir)) {
            assertThat(g.issuers()).extracting(c -> c.certificate().serial()).containsExactly(r.current().serial());
            assertThat(g.revokedByRoot()).containsExactly(r.previous().serial());
        }
    }

    @Test
    void anInterruptedSwitchIsFinishedByTheNextOpen() throws Exception {
        // committed but not renamed: intermediate.pem.next and intermediate-key.pem.next beside the current pair
        Path copy = tmp.resolve("copy");
        ops.newIntermediate(dir, null, PASSPHRASE, "test");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("intermediate.pem"), copy.resolve("intermediate.pem"));
        Files.copy(dir.resolve("intermediate-key.pem"), copy.resolve("intermediate-key.pem"));
        String old = Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.matches("intermediate-[0-9a-f]+\\.pem"))
                .findFirst().orElseThrow();
        String oldKey = old.replace(".pem", "-key.pem");
        Files.move(dir.resolve("intermediate.pem"), dir.resolve("intermediate.pem.next"));
        Files.move(dir.resolve("intermediate-key.pem"), dir.resolve("intermediate-key.pem.next"));
        Files.copy(dir.resolve(old), dir.resolve("intermediate.pem"));
        Files.copy(dir.resolve(oldKey), dir.resolve("intermediate-key.pem"));

        try (Gateway g = TestGateway.open(dir)) {
            assertThat(g.intermediate().der()).isEqualTo(new CertificateReader().read(copy.resolve("intermediate.pem")).get(0).der());
        }
        assertThat(dir.resolve("intermediate.pem.next")).doesNotExist();
        assertThat(dir.resolve("intermediate-key.pem.next")).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("intermediate-key.pem"))).isEqualTo(Files.readAllBytes(copy.resolve("intermediate-key.pem")));
    }
}
