package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The subject public key as {@link KeyInfo}: algorithm, size, curve, RSA numbers. */
class CertKeyInfoTest {

    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource({
        "EC_P256, P-256, 256",
        "EC_P384, P-384, 384",
    })
    void ecKeysReportNamedCurveAndFieldSize(KeyKind kind, String curve, int bits) {
        KeyInfo key = TestCerts.maker().key(kind).make().cert().key();

        assertThat(key.algorithm()).isEqualTo("EC");
        assertThat(key.isEc()).isTrue();
        assertThat(key.isRsa()).isFalse();
        assertThat(key.curve()).contains(curve);
        assertThat(key.bits()).isEqualTo(bits);
        assertThat(key.rsaModulus()).isEmpty();
        assertThat(key.describe()).isEqualTo("EC " + curve);
    }

    @Test
    void rsa2048ReportsModulusBitsAndNumbers() {
        CertificateMaker.Made made = TestCerts.maker().key(KeyKind.RSA_2048).make();
        KeyInfo key = made.cert().key();
        RSAPublicKey jca = (RSAPublicKey) made.keyPair().getPublic();

        assertThat(key.algorithm()).isEqualTo("RSA");
        assertThat(key.isRsa()).isTrue();
        assertThat(key.bits()).isEqualTo(2048);
        assertThat(key.rsaModulus()).contains(jca.getModulus());
        assertThat(key.rsaModulus().orElseThrow().bitLength()).isEqualTo(2048);
        assertThat(key.rsaExponent()).contains(BigInteger.valueOf(65537));
        assertThat(key.curve()).isEmpty();
        assertThat(key.describe()).isEqualTo("RSA 2048");
    }

    @Test
    void rsa1024IsReportedAsSuchForTheWeakKeyLint() {
        KeyInfo key = TestCerts.maker().key(KeyKind.RSA_1024).make().cert().key();

        assertThat(key.bits()).isEqualTo(1024);
        assertThat(key.describe()).isEqualTo("RSA 1024");
    }

    @Test
    void ed25519ReportsAlgorithmWithoutCurveOrModulus() {
        KeyInfo key = TestCerts.maker().key(KeyKind.ED25519).make().cert().key();

        assertThat(key.algorithm()).isEqualTo("Ed25519");
        assertThat(key.bits()).isEqualTo(256);
        assertThat(key.isEc()).isFalse();
        assertThat(key.isRsa()).isFalse();
        assertThat(key.curve()).isEmpty();
        assertThat(key.rsaModulus()).isEmpty();
        assertThat(key.describe()).isEqualTo("Ed25519");
    }

    @Test
    void spkiDerIsTheEncodedPublicKey() {
        CertificateMaker.Made made = TestCerts.maker().key(KeyKind.EC_P256).make();

        assertThat(made.cert().spkiDer()).isEqualTo(made.keyPair().getPublic().getEncoded());
    }

    @Test
    void describeFallsBackForUnknownAlgorithms() {
        assertThat(new KeyInfo("DSA", 2048, Optional.empty(), Optional.empty(), Optional.empty()).describe())
                .isEqualTo("DSA 2048");
        assertThat(new KeyInfo("1.2.3.4", 0, Optional.empty(), Optional.empty(), Optional.empty()).describe())
                .isEqualTo("1.2.3.4");
        assertThat(new KeyInfo("EC", 256, Optional.empty(), Optional.empty(), Optional.empty()).describe())
                .isEqualTo("EC 256-bit");
    }
}
