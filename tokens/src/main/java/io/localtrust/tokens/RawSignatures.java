package io.localtrust.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/**
 * Signatures in the form JWS and COSE both carry, made and checked through JCA {@link Signature}
 * so that a PKCS#11 key signs inside its token (with its provider, or the one JCA picks for the key).
 * ECDSA: JCA speaks DER, the tokens speak fixed-length r‖s; nimbus-jose-jwt's {@link ECDSA}
 * transcodes both ways and refuses out-of-range r and s.
 */
final class RawSignatures {
    private RawSignatures() {
    }

    /** Signs with PROVIDER when given (a PKCS#11 key's, which need not be registered), else the one JCA finds for KEY. */
    static byte[] sign(TokenAlgorithm alg, PrivateKey key, Optional<Provider> provider, byte[] data) throws GeneralSecurityException {
        Signature s = provider.isPresent() ? Signature.getInstance(alg.jcaName(), provider.get()) : Signature.getInstance(alg.jcaName());
        s.initSign(key);
        s.update(data);
        byte[] signature = s.sign();
        if (!alg.ecdsa()) {
            return signature;
        }
        try {
            return ECDSA.transcodeSignatureToConcat(signature, alg.signatureLength());
        } catch (JOSEException e) {
            throw new GeneralSecurityException("the key made an ECDSA signature that is not DER: " + e.getMessage(), e);
        }
    }

    /** Whether SIGNATURE (JOSE/COSE form) is ALG's signature of DATA by KEY; false for any malformed signature. */
    static boolean verify(TokenAlgorithm alg, PublicKey key, byte[] data, byte[] signature) {
        if (signature.length != alg.signatureLength()) {
            return false;
        }
        try {
            byte[] jca = signature;
            if (alg.ecdsa()) {
                ECDSA.ensureLegalSignature(signature, alg.jose());
                jca = ECDSA.transcodeSignatureToDER(signature);
            }
            Signature v = Signature.getInstance(alg.jcaName());
            v.initVerify(key);
            v.update(data);
            return v.verify(jca);
        } catch (JOSEException | GeneralSecurityException e) {
            return false;
        }
    }
}
