package io.localtrust.x509;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The subject public key of a certificate, described without exposing a JCA key object.
 *
 * @param algorithm   "RSA", "EC", "Ed25519", "Ed448", "DSA", or the algorithm OID when unknown
 * @param bits        key size in bits (RSA modulus length, EC field size); 0 when unknown
 * @param curve       the named curve for EC keys ("P-256", "secp256k1", or the OID)
 * @param rsaModulus  the RSA modulus, for the weak-key lints
 * @param rsaExponent the RSA public exponent
 */
public record KeyInfo(String algorithm, int bits, Optional<String> curve,
                      Optional<BigInteger> rsaModulus, Optional<BigInteger> rsaExponent) {

    public KeyInfo {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(rsaModulus, "rsaModulus");
        Objects.requireNonNull(rsaExponent, "rsaExponent");
    }

    /**
     * Describes a DER SubjectPublicKeyInfo (from a CSR, say).
     *
     * @throws CertificateParseException if it is not a SubjectPublicKeyInfo
     */
    public static KeyInfo fromSpki(byte[] spkiDer) throws CertificateParseException {
        try {
            return CertMapper.keyInfo(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spkiDer));
        } catch (RuntimeException e) {
            throw new CertificateParseException("not a public key (" + CertificateReader.oneLine(e) + ")");
        }
    }

    public boolean isRsa() {
        return algorithm.equals("RSA");
    }

    public boolean isEc() {
        return algorithm.equals("EC");
    }

    /** "EC P-256", "RSA 2048", "Ed25519": what a person reads in a report. */
    public String describe() {
        if (isEc()) {
            return "EC " + curve.orElse(bits + "-bit");
        }
        if (isRsa()) {
            return "RSA " + bits;
        }
        return bits > 0 && !algorithm.startsWith("Ed") ? algorithm + " " + bits : algorithm;
    }
}
