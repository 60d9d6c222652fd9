package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.util.List;

/**
 * {@code NOT_YET_VALID}: the observation time is before notBefore.
 *
 * <p>Why: RFC 5280 §4.1.2.5 and §6.1.3 (a)(2); browsers reject the certificate. On a LAN device
 * it usually means the device clock was wrong when it made its certificate (no RTC, no NTP at
 * first boot). Checked at {@link LintContext#at()}, never the clock.
 */
public final class NotYetValid implements Lint {

    @Override
    public String code() {
        return "NOT_YET_VALID";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String description() {
        return "observation time before notBefore (RFC 5280 §4.1.2.5)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (!context.at().isBefore(cert.notBefore())) {
            return List.of();
        }
        return List.of(new Finding(code(), severity(), "not valid until " + cert.notBefore()
                + " (observed " + context.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): browsers reject it (often a device clock that was wrong when the certificate was made)"));
    }
}
