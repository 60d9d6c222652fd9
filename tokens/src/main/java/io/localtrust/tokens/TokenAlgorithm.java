package io.localtrust.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import java.util.Optional;

/**
 * The signature algorithms a status token may use: the allow-list. Each fits exactly one key
 * type, so the algorithm is fixed by the device's TLS key and a token whose header names another
 * is rejected (no "none", no HMAC, no RSA). ECDSA signatures are the fixed-length r‖s of both
 * JWS (RFC 7518 §3.4) and COSE (RFC 9053 §2.1), never DER; EdDSA is Ed25519 (RFC 8037, RFC 9053 §2.2).
 */
public enum TokenAlgorithm {
    /** ECDSA with P-256 and SHA-256; COSE −7. */
    ES256(JWSAlgorithm.ES256, -7, "SHA256withECDSA", 64, Curve.P_256),
    /** ECDSA with P-384 and SHA-384; COSE −35. */
    ES384(JWSAlgorithm.ES384, -35, "SHA384withECDSA", 96, Curve.P_384),
    /** EdDSA with Ed25519; JOSE "EdDSA", COSE −8. */
    EDDSA(JWSAlgorithm.EdDSA, -8, "Ed25519", 64, Curve.Ed25519);

    private final JWSAlgorithm jose;
    private final int cose;
    private final String jcaName;
    private final int signatureLength;
    private final Curve curve;

    TokenAlgorithm(JWSAlgorithm jose, int cose, String jcaName, int signatureLength, Curve curve) {
        this.jose = jose;
        this.cose = cose;
        this.jcaName = jcaName;
        this.signatureLength = signatureLength;
        this.curve = curve;
    }

    /** The JWS "alg" value: "ES256", "ES384", "EdDSA". */
    public String joseName() {
        return jose.getName();
    }

    JWSAlgorithm jose() {
        return jose;
    }

    /** The COSE "alg" (label 1) value. */
    public int cose() {
        return cose;
    }

    String jcaName() {
        return jcaName;
    }

    /** Bytes of a signature in its JOSE/COSE form. */
    int signatureLength() {
        return signatureLength;
    }

    Curve curve() {
        return curve;
    }

    boolean ecdsa() {
        return this != EDDSA;
    }

    /** The algorithm for a JWS "alg" name, if allowed. */
    static Optional<TokenAlgorithm> fromJose(String alg) {
        for (TokenAlgorithm a : values()) {
            if (a.jose.getName().equals(alg)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm for a COSE "alg" value, if allowed. */
    static Optional<TokenAlgorithm> fromCose(long alg) {
        for (TokenAlgorithm a : values()) {
            if (a.cose == alg) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
