package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignatureMemoTest {

    @Test
    void checksOnceForTheSameCertificateBytes() {
        AtomicInteger checks = new AtomicInteger();
        String sha = "ab".repeat(32);
        assertThat(SignatureMemo.selfSigned(sha, () -> checks.incrementAndGet() > 0)).isTrue();
        assertThat(SignatureMemo.selfSigned(sha, () -> checks.incrementAndGet() < 0)).isTrue();
        assertThat(checks).hasValue(1);
    }

    @Test
    void keepsANegativeAnswerApartFromOtherCertificates() {
        String bad = "cd".repeat(32);
        String good = "ef".repeat(32);
        assertThat(SignatureMemo.selfSigned(bad, () -> false)).isFalse();
        assertThat(SignatureMemo.selfSigned(good, () -> true)).isTrue();
        assertThat(SignatureMemo.selfSigned(bad, () -> true)).isFalse();
    }

    @Test
    void copiesOfOneSelfSignedCertificateAgreeAndATamperedCopyDoesNot() throws Exception {
        CertificateMaker.Made made = CertificateMaker.at(java.time.Instant.parse("2026-11-27T12:00:00Z"), new java.security.SecureRandom()).commonName("memo").make();
        CertificateReader reader = new CertificateReader();
        Cert a = reader.parseDer(made.cert().der());
        Cert b = reader.parseDer(made.cert().der());
        assertThat(a.selfSigned()).isTrue();
        assertThat(b.selfSigned()).isTrue();
        byte[] tampered = made.cert().der().clone();
        tampered[tampered.length - 3] ^= 0x01; // inside the signature value
        assertThat(reader.parseDer(tampered).selfSigned()).isFalse();
    }
}
