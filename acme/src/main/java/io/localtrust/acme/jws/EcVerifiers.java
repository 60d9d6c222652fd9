package io.localtrust.acme.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import io.localtrust.authority.NativeCrypto;
import io.localtrust.x509.BouncyCastle;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ES256 and ES384 verification (RFC 7518 §3.4) with native cryptography (Conscrypt, through the
 * authority's {@link NativeCrypto}) where it loads, else Bouncy Castle — both verify several times
 * faster than the JDK's SunEC (BENCHMARKS.md, {@code SignatureBenchmark}): under ACME load the JDK's
 * verification was 41 % of the front end's CPU samples, Bouncy Castle's still 30 % (BENCHMARKS.md,
 * "ACME end to end vs pebble"). Each key's verifier is kept, so that the provider's key object (its
 * decoded point, Bouncy Castle's precomputation) serves the later requests of the same account — a
 * client signs about ten requests per certificate with one key. At most {@value #MAX_KEYS} keys are kept; the map is emptied when full
 * (a verifier is a function of the key alone, so dropping one only costs its rebuilding).
 * Thread-safe.
 */
final class EcVerifiers {
    static final int MAX_KEYS = 1_000;
    private final ConcurrentHashMap<ECKey, ECDSAVerifier> verifiers = new ConcurrentHashMap<>();

    /** A verifier for {@code key}, with the provider's own key object and ECDSA. */
    ECDSAVerifier of(ECKey key) throws JOSEException, GeneralSecurityException {
        ECDSAVerifier v = verifiers.get(key);
        if (v != null) {
            return v;
        }
        v = make(key);
        if (verifiers.size() >= MAX_KEYS) {
            verifiers.clear();
        }
        verifiers.put(key, v);
        return v;
    }

    int size() {
        return verifiers.size();
    }

    private static ECDSAVerifier make(ECKey key) throws JOSEException, GeneralSecurityException {
        Provider p = NativeCrypto.provider().orElse(BouncyCastle.provider());
        ECPublicKey own = (ECPublicKey) KeyFactory.getInstance("EC", p)
                .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded()));
        ECDSAVerifier v = new ECDSAVerifier(own);
        v.getJCAContext().setProvider(p);
        return v;
    }
}
