package io.localtrust.x509;

import java.security.Key;
import java.security.interfaces.ECKey;

/** The signature algorithm localtrust signs with for a key: the one place that choice is made. */
public final class SignatureAlgorithms {
    private SignatureAlgorithms() {
    }

    /**
     * SHA256withRSA; Ed25519; ECDSA with the hash matching the curve (P-256 → SHA-256, P-384 →
     * SHA-384, P-521 → SHA-512, BR §7.1.3.2). Give the public key when the private one may not
     * expose its curve (a PKCS#11 token's).
     */
    public static String forKey(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> {
                int fieldBits = key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 256;
                yield fieldBits > 384 ? "SHA512withECDSA" : fieldBits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
            }
        };
    }
}
