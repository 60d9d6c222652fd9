package io.localtrust.practice.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An anchor set parsed on demand reads only names and fingerprints up front, and then the same certificates as an eager one. */
class AnchorSetTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Cert root(String name) {
        return CertificateMaker.at(NOW, new SecureRandom()).commonName(name).organization("Roots Inc").ca(1).make().cert();
    }

    @Test
    void givesTheNamesUpFrontAndTheSameCertificatesAsAnEagerSet() throws Exception {
        List<Cert> roots = List.of(root("Root A"), root("Root B"), root("Root C"));
        CertificateReader reader = new CertificateReader();
        AnchorSet lazy = AnchorSet.parsedOnDemand(AnchorSet.Kind.PUBLIC, "test roots", roots.stream().map(Cert::der).toList(), reader);
        AnchorSet eager = new AnchorSet(AnchorSet.Kind.PUBLIC, "test roots", roots);

        assertThat(lazy.entries()).isEqualTo(eager.entries()).extracting(AnchorSet.Entry::subject)
                .containsExactly(roots.get(0).subject(), roots.get(1).subject(), roots.get(2).subject());
        assertThat(lazy.size()).isEqualTo(3);
        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);

        assertThat(lazy.certs()).isEqualTo(roots);
        assertThat(lazy.certs()).isSameAs(lazy.certs());
    }

    @Test
    void refusesANonCertificateUpFrontSayingWhich() {
        List<byte[]> ders = List.of(root("Root A").der(), new byte[] {0x30, 0x00});
        assertThatThrownBy(() -> AnchorSet.parsedOnDemand(AnchorSet.Kind.PUBLIC, "x", ders, new CertificateReader()))
                .isInstanceOf(CertificateParseException.class).hasMessageStartingWith("certificate 2: ");
    }

    @Test
    void takesAnAnchorWithoutItsFullParseAndLeavesItOutIfThatFails() throws Exception {
        Cert ok = root("Root A");
        Cert big = CertificateMaker.at(NOW, new SecureRandom()).commonName("Root B").ca(1).dns("a".repeat(60)).make().cert();
        // a reader whose extension limit the second root's SAN exceeds: its subject reads, its full parse fails
        CertificateReader strict = new CertificateReader(new CertificateReader.Limits(8L << 20, 64 << 10, 40, 10));
        assertThatThrownBy(() -> strict.parseDer(big.der())).isInstanceOf(CertificateParseException.class);
        AnchorSet lazy = AnchorSet.parsedOnDemand(AnchorSet.Kind.PUBLIC, "x", List.of(ok.der(), big.der()), strict);
        assertThat(lazy.size()).isEqualTo(2);
        assertThat(lazy.certs()).extracting(Cert::subject).containsExactly(strict.parseDer(ok.der()).subject());
    }
}
