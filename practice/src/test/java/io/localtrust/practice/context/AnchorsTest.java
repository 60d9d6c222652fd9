package io.localtrust.practice.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateReader;
import org.junit.jupiter.api.Test;

class AnchorsTest {
    @Test
    void loadsTheJdksPublicRoots() throws Exception {
        AnchorSet roots = Anchors.jdkCacerts(new CertificateReader());
        assertThat(roots.kind()).isEqualTo(AnchorSet.Kind.PUBLIC);
        assertThat(roots.certs()).hasSizeGreaterThan(50).allSatisfy(c -> assertThat(c.ca()).isTrue());
        assertThat(roots.certs()).anySatisfy(c -> assertThat(c.subject()).contains("ISRG Root X1"));
    }
}
