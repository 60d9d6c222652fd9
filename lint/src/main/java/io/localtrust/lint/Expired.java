package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.util.List;

/**
 * {@code EXPIRED}: the observation time is after notAfter.
 *
 * <p>Why: RFC 5280 §4.1.2.5 and §6.1.3 (a)(2) — a certificate is valid through notAfter
 * inclusive; after it every browser shows an interstitial, and users who learn to click through
 * it stop noticing the one that matters. Checked at {@link LintContext#at()}, never the clock.
 */
public final class Expired implements Lint {

    @Override
    public String code() {
        return "EXPIRED";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String description() {
        return "observation time after notAfter (RFC 5280 §4.1.2.5)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (!context.at().isAfter(cert.notAfter())) {
            return List.of();
        }
        return List.of(new Finding(code(), severity(), "expired on " + cert.notAfter()
                + " (observed " + context.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): browsers reject it"));
    }
}
