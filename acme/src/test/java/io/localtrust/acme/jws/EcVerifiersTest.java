package io.localtrust.acme.jws;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.localtrust.authority.NativeCrypto;
import org.junit.jupiter.api.Test;

/**
 * Verification of ES256 and ES384 (signatures made by the JDK's provider through nimbus) with
 * native cryptography where it loads and with Bouncy Castle when it is off, the same verifier
 * reused for a key, tampering and a foreign key refused, and the bound on kept keys.
 */
class EcVerifiersTest {
    private static JWSObject signed(ECKey key, JWSAlgorithm alg, String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(alg), new Payload(payload));
        jws.sign(new ECDSASigner(key));
        return JWSObject.parse(jws.serialize());
    }

    @Test
    void verifiesEs256AndEs384AndRefusesTamperingAndOtherKeys() throws Exception {
        EcVerifiers verifiers = new EcVerifiers();
        verifyWith(verifiers);
        assertThat(verifiers.of(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK()).getJCAContext().getProvider().getName())
                .as("native where it loads").isEqualTo(NativeCrypto.provider().map(java.security.Provider::getName).orElse("BC"));
    }

    @Test
    void bouncyCastleDoesItWhenNativeCryptographyIsOff() throws Exception {
        String before = System.getProperty(NativeCrypto.SWITCH);
        System.setProperty(NativeCrypto.SWITCH, "off");
        try {
            EcVerifiers verifiers = new EcVerifiers();
            verifyWith(verifiers);
            assertThat(verifiers.of(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK()).getJCAContext().getProvider().getName())
                    .isEqualTo("BC");
        } finally {
            if (before == null) {
                System.clearProperty(NativeCrypto.SWITCH);
            } else {
                System.setProperty(NativeCrypto.SWITCH, before);
            }
        }
    }

    private static void verifyWith(EcVerifiers verifiers) throws Exception {
        for (var c : new Object[][] {{Curve.P_256, JWSAlgorithm.ES256}, {Curve.P_384, JWSAlgorithm.ES384}}) {
            ECKey key = new ECKeyGenerator((Curve) c[0]).generate();
            ECKey other = new ECKeyGenerator((Curve) c[0]).generate();
            JWSObject jws = signed(key, (JWSAlgorithm) c[1], "{\"a\":1}");
            assertThat(jws.verify(verifiers.of(key.toPublicJWK()))).isTrue();
            assertThat(verifiers.of(key.toPublicJWK())).as("kept for the next request").isSameAs(verifiers.of(key.toPublicJWK()));
            assertThat(jws.verify(verifiers.of(other.toPublicJWK()))).isFalse();
            String[] parts = jws.serialize().split("\\.");
            JWSObject tampered = new JWSObject(jws.getHeader().toBase64URL(), new Payload("{\"a\":2}").toBase64URL(),
                    new com.nimbusds.jose.util.Base64URL(parts[2]));
            assertThat(tampered.verify(verifiers.of(key.toPublicJWK()))).isFalse();
        }
    }

    @Test
    void keepsAtMostTheBoundOfKeys() throws Exception {
        EcVerifiers verifiers = new EcVerifiers();
        ECKey first = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        verifiers.of(first);
        for (int i = 0; i < EcVerifiers.MAX_KEYS; i++) {
            verifiers.of(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK());
            assertThat(verifiers.size()).isLessThanOrEqualTo(EcVerifiers.MAX_KEYS);
        }
        assertThat(verifiers.size()).as("emptied once full, then filling again").isLessThan(EcVerifiers.MAX_KEYS);
    }
}
