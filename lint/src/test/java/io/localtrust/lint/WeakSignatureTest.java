package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.as;
import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.KeyKind;
import org.junit.jupiter.api.Test;

class WeakSignatureTest {
    private final WeakSignature lint = new WeakSignature();

    @Test
    void flagsSha1SignedLeaf() {
        var cert = maker().key(KeyKind.RSA_2048).signatureAlgorithm("SHA1withRSA").dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("WEAK_SIGNATURE");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).startsWith("signed with SHA-1 (");
        });
    }

    @Test
    void flagsMd5SignedLeaf() {
        var cert = maker().key(KeyKind.RSA_2048).signatureAlgorithm("MD5withRSA").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("signed with MD5 ("));
    }

    @Test
    void flagsEcdsaWithSha1Intermediate() {
        var cert = maker().key(KeyKind.EC_P256).signatureAlgorithm("SHA1withECDSA").ca(0).make().cert();

        assertThat(lint.check(cert, as(CertRole.INTERMEDIATE))).hasSize(1);
    }

    @Test
    void skipsSha1SelfSignatureOfRoot() {
        var cert = maker().key(KeyKind.RSA_2048).signatureAlgorithm("SHA1withRSA").ca(null).make().cert();

        assertThat(lint.check(cert, as(CertRole.ROOT))).isEmpty();
    }

    @Test
    void passesSha256SignedLeaf() {
        var cert = maker().key(KeyKind.RSA_2048).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void passesEd25519SignedLeaf() {
        var cert = maker().key(KeyKind.ED25519).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }
}
