package io.localtrust.trust;

import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;

/** keyUsage bit names (RFC 5280 §4.2.1.3) to Bouncy Castle masks. */
final class KeyUsages {
    private static final Map<String, Integer> BITS = Map.of(
            "digitalSignature", KeyUsage.digitalSignature,
            "nonRepudiation", KeyUsage.nonRepudiation,
            "contentCommitment", KeyUsage.nonRepudiation,
            "keyEncipherment", KeyUsage.keyEncipherment,
            "dataEncipherment", KeyUsage.dataEncipherment,
            "keyAgreement", KeyUsage.keyAgreement,
            "keyCertSign", KeyUsage.keyCertSign,
            "cRLSign", KeyUsage.cRLSign,
            "encipherOnly", KeyUsage.encipherOnly,
            "decipherOnly", KeyUsage.decipherOnly);

    private KeyUsages() {
    }

    /** The mask for a bit name, or null for a name RFC 5280 does not define. */
    static Integer bit(String name) {
        return BITS.get(name);
    }
}
