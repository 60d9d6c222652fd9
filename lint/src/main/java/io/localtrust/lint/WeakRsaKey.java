package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.math.BigInteger;
import java.util.List;

/**
 * {@code WEAK_RSA_KEY}: an RSA modulus shorter than 2048 bits.
 *
 * <p>Why: 2048 bits is the floor of the CA/Browser Forum Baseline Requirements §6.1.5 and of
 * NIST SP 800-131A (shorter RSA keys are disallowed for signatures since 2013); 829-bit moduli
 * have been factored publicly (RSA-250, 2020), so anything at or below that size is factorable
 * with public resources. Applies to every role: a weak intermediate or root key lets whoever
 * factors it issue certificates. Matches zlint {@code e_rsa_mod_less_than_2048_bits}.
 */
public final class WeakRsaKey implements Lint {

    static final int MINIMUM_BITS = 2048;
    /** The largest RSA challenge modulus factored publicly (RSA-250). */
    static final int PUBLICLY_FACTORED_BITS = 829;

    @Override
    public String code() {
        return "WEAK_RSA_KEY";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String description() {
        return "RSA modulus shorter than 2048 bits (BR §6.1.5, NIST SP 800-131A)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (!cert.key().isRsa()) {
            return List.of();
        }
        int bits = cert.key().rsaModulus().map(BigInteger::bitLength).orElse(cert.key().bits());
        if (bits <= 0 || bits >= MINIMUM_BITS) {
            return List.of();
        }
        String tail = bits <= PUBLICLY_FACTORED_BITS
                ? "; moduli this short have been factored publicly"
                : "; within reach of a well-funded attacker";
        return List.of(new Finding(code(), severity(),
                "RSA key of " + bits + " bits: below the " + MINIMUM_BITS + "-bit minimum" + tail));
    }
}
