package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.KeyKind;
import org.junit.jupiter.api.Test;

class WeakRsaKeyTest {
    private final WeakRsaKey lint = new WeakRsaKey();

    @Test
    void flagsRsa1024Leaf() {
        var cert = maker().key(KeyKind.RSA_1024).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("WEAK_RSA_KEY");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).startsWith("RSA key of 1024 bits: below the 2048-bit minimum");
        });
    }

    @Test
    void flagsRsa1024Intermediate() {
        var cert = maker().key(KeyKind.RSA_1024).ca(0).make().cert();

        assertThat(lint.check(cert, TestCerts.as(CertRole.INTERMEDIATE))).hasSize(1);
    }

    @Test
    void passesRsa2048() {
        var cert = maker().key(KeyKind.RSA_2048).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void ignoresEcKeys() {
        var cert = maker().key(KeyKind.EC_P256).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void messageHoldsNoKeyMaterial() {
        var cert = maker().key(KeyKind.RSA_1024).make().cert();
        String modulusHex = cert.key().rsaModulus().orElseThrow().toString(16);

        assertThat(lint.check(cert, leaf()).get(0).message())
                .doesNotContain(modulusHex.substring(0, 16))
                .doesNotContain(cert.key().rsaModulus().orElseThrow().toString().substring(0, 16));
    }
}
