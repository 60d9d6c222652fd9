package io.localtrust.lint;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The RSA modulus checks of {@link FactorableRsaKey} and {@link RocaKey} for callers that hold a
 * key rather than a certificate: the authority refuses such keys in a CSR before anything is built.
 */
public final class RsaModulusChecks {
    private RsaModulusChecks() {
    }

    /** Why this modulus is unsafe ("ROCA fingerprint (CVE-2017-15361)", "even modulus"), or empty. */
    public static Optional<String> weakness(BigInteger modulus) {
        Optional<String> factorable = FactorableRsaKey.reason(modulus);
        if (factorable.isPresent()) {
            return factorable.map(r -> "the RSA modulus " + r);
        }
        return RocaKey.hasFingerprint(modulus)
                ? Optional.of("the modulus has the ROCA fingerprint (CVE-2017-15361, Infineon RSALib): it can be factored")
                : Optional.empty();
    }
}
