package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.KeyKind;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class UnsupportedCurveTest {
    private final UnsupportedCurve lint = new UnsupportedCurve();

    private static KeyPair ecKey(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        g.initialize(new ECGenParameterSpec(curve), new SecureRandom());
        return g.generateKeyPair();
    }

    @Test
    void flagsSecp256k1Leaf() throws GeneralSecurityException {
        var cert = maker().keyPair(ecKey("secp256k1")).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("UNSUPPORTED_CURVE");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).startsWith("EC key on curve secp256k1:");
        });
    }

    @Test
    void flagsP224Leaf() throws GeneralSecurityException {
        var cert = maker().keyPair(ecKey("secp224r1")).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("EC key on curve P-224:"));
    }

    @Test
    void flagsBrainpoolLeaf() throws GeneralSecurityException {
        var cert = maker().keyPair(ecKey("brainpoolP256r1")).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).hasSize(1);
    }

    @Test
    void passesP256AndP384() {
        var p256 = maker().key(KeyKind.EC_P256).dns("nas.example.com").make().cert();
        var p384 = maker().key(KeyKind.EC_P384).dns("nas.example.com").make().cert();

        assertThat(lint.check(p256, leaf())).isEmpty();
        assertThat(lint.check(p384, leaf())).isEmpty();
    }

    @Test
    void passesP521() throws GeneralSecurityException {
        var cert = maker().keyPair(ecKey("secp521r1")).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void ignoresRsaKeys() {
        var cert = maker().key(KeyKind.RSA_2048).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }
}
