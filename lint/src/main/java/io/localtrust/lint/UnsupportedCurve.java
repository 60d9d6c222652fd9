package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Set;

/**
 * {@code UNSUPPORTED_CURVE}: an EC key on a curve other than NIST P-256, P-384 or P-521.
 *
 * <p>Why: those three are the only curves the CA/Browser Forum Baseline Requirements §6.1.5
 * permit and the only ones browsers' TLS stacks verify certificates on (BoringSSL has no
 * secp256k1, brainpool or P-224); explicit curve parameters are refused outright (RFC 5480 §2.1.1
 * requires a named curve). A device with such a key cannot be reached over trusted HTTPS at
 * all. Matches zlint {@code e_ec_improper_curves}.
 */
public final class UnsupportedCurve implements Lint {

    static final Set<String> ACCEPTED = Set.of("P-256", "P-384", "P-521");

    @Override
    public String code() {
        return "UNSUPPORTED_CURVE";
    }

    @Override
    public Severity severity() {
        return Severity.MEDIUM;
    }

    @Override
    public String description() {
        return "EC key on a curve other than P-256, P-384 or P-521 (BR §6.1.5)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (!cert.key().isEc()) {
            return List.of();
        }
        String curve = cert.key().curve().orElse("unnamed");
        if (ACCEPTED.contains(curve)) {
            return List.of();
        }
        return List.of(new Finding(code(), severity(), "EC key on curve " + curve
                + ": browsers and the CA/B Forum BRs accept only P-256, P-384 and P-521"));
    }
}
