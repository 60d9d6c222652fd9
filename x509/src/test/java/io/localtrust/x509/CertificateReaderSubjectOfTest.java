package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CertificateReader#subjectOf} gives {@link Cert#subject()} without the full parse, and refuses what parseDer refuses. */
class CertificateReaderSubjectOfTest {
    private final CertificateReader reader = new CertificateReader();

    @Test
    void givesTheSubjectTheFullParseGives() throws Exception {
        CertificateMaker.Made root = TestCerts.maker().commonName("Root, \"quoted\" + plus").organization("Ünïcode Org").ca(1).make();
        CertificateMaker.Made leaf = TestCerts.maker().commonName("printer.home.arpa").issuer(root).dns("printer.home.arpa").make();
        CertificateMaker.Made bare = TestCerts.maker().make();
        for (Cert c : List.of(root.cert(), leaf.cert(), bare.cert())) {
            assertThat(reader.subjectOf(c.der())).isEqualTo(reader.parseDer(c.der()).subject());
        }
    }

    @Test
    void refusesWhatTheFullParseRefuses() {
        byte[] der = TestCerts.maker().commonName("x").make().cert().der();
        for (byte[] bad : List.of(new byte[0], Arrays.copyOf(der, der.length / 2), Arrays.copyOf(der, der.length + 1),
                new byte[] {0x04, 0x00}, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})) {
            assertThatThrownBy(() -> reader.subjectOf(bad)).isInstanceOf(CertificateParseException.class);
            assertThatThrownBy(() -> reader.parseDer(bad)).isInstanceOf(CertificateParseException.class);
        }
        CertificateReader small = new CertificateReader(new CertificateReader.Limits(8L << 20, 100, 32 << 10, 10));
        assertThatThrownBy(() -> small.subjectOf(der)).isInstanceOf(CertificateParseException.class).hasMessageContaining("too large");
    }
}
