package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.as;
import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoSanTest {
    private final NoSan lint = new NoSan();

    @Test
    void flagsLeafWithOnlyCommonName() {
        var cert = maker().commonName("printer.local").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("NO_SAN");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).isEqualTo(
                    "no DNS or IP subjectAltName (the CN 'printer.local' is ignored): browsers match no host name against it");
        });
    }

    @Test
    void passesLeafWithDnsSan() {
        var cert = maker().dns("printer.local").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void passesLeafWithOnlyIpSan() {
        var cert = maker().ip("192.168.1.20").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void ignoresCaCertificates() {
        var cert = maker().commonName("Vendor Root").ca(null).make().cert();

        assertThat(lint.check(cert, as(CertRole.ROOT))).isEmpty();
        assertThat(lint.check(cert, as(CertRole.INTERMEDIATE))).isEmpty();
    }

    @Test
    void messageStaysOneLineWhenCommonNameHoldsLineBreak() {
        var cert = maker().commonName("evil\nFAKE: all good").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'evil?FAKE: all good'"));
    }
}
