package io.localtrust.lint;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;

/**
 * Certificates carrying an RSA modulus chosen by the test (even, Fermat-close, ROCA-shaped). The
 * certificate is signed by a throwaway EC CA, so no private key for the crafted modulus is needed.
 */
final class CraftedRsaKeys {
    static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertificateMaker.Made CA =
            TestCerts.maker().commonName("Crafted Test CA").key(KeyKind.EC_P256).ca(0).make();

    private CraftedRsaKeys() {
    }

    /** A leaf for nas.example.com whose subject key is (n, 65537). */
    static Cert leafWithModulus(BigInteger n) {
        return TestCerts.maker().commonName("nas.example.com").dns("nas.example.com").issuer(CA)
                .keyPair(new KeyPair(rsaPublicKey(n), null)).make().cert();
    }

    static BigInteger randomPrime(int bits) {
        return BigInteger.probablePrime(bits, RANDOM);
    }

    static BigInteger random(int bits) {
        return new BigInteger(bits, RANDOM);
    }

    private static PublicKey rsaPublicKey(BigInteger n) {
        try {
            // The JDK provider, not Bouncy Castle's: BC refuses even and small-factor moduli.
            return KeyFactory.getInstance("RSA", "SunRsaSign").generatePublic(new RSAPublicKeySpec(n, F4));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an RSA public key from the test modulus", e);
        }
    }
}
