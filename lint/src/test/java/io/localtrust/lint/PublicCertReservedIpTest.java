package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static io.localtrust.lint.TestCerts.publicLeaf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicCertReservedIpTest {
    private final PublicCertReservedIp lint = new PublicCertReservedIp();

    @Test
    void flagsPublicLeafWithPrivateIpv4San() {
        var cert = maker().dns("nas.example.com").ip("8.8.8.8", "192.168.1.20").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("PUBLIC_CERT_RESERVED_IP");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).startsWith("publicly trusted certificate names reserved IP address '192.168.1.20':");
        });
    }

    @Test
    void flagsUniqueLocalIpv6San() {
        var cert = maker().dns("nas.example.com").ip("fd00::20").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'fd00::20'"));
    }

    @Test
    void flagsReservedIpInSubjectCommonName() {
        var cert = maker().commonName("10.0.0.1").dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'10.0.0.1'"));
    }

    @Test
    void namesAnAddressOnceWhenInBothSanAndSubject() {
        var cert = maker().commonName("10.0.0.1").ip("10.0.0.1").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("address '10.0.0.1':"));
    }

    @Test
    void passesGlobalAddresses() {
        var cert = maker().commonName("8.8.8.8").ip("8.8.8.8", "2606:4700:4700::1111").make().cert();

        assertThat(lint.check(cert, publicLeaf())).isEmpty();
    }

    @Test
    void ignoresCertificatesThatAreNotPubliclyTrusted() {
        var cert = maker().ip("192.168.1.20").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }
}
