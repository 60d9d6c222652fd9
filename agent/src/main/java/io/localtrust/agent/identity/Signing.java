package io.localtrust.agent.identity;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

/** The signature algorithm a device key signs its CSR and placeholder with. */
public final class Signing {
    private Signing() {
    }

    /** SHA256withECDSA for P-256, SHA384withECDSA for P-384, Ed25519, SHA256withRSA. */
    public static String algorithm(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("unsupported device key algorithm " + key.getAlgorithm());
        };
    }
}
