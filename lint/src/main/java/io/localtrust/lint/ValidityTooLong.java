package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code VALIDITY_TOO_LONG}: a leaf valid for more than 398 days.
 *
 * <p>Why: BR §6.3.2 caps subscriber certificates at 398 days; the validity period runs from
 * notBefore to notAfter <em>inclusive</em> (BR §1.6.1 "Validity Period", RFC 5280 §4.1.2.5), so it
 * is notAfter − notBefore + 1 second — a certificate of exactly 398 days ends one second before
 * the 398th anniversary of its start. A long-lived key is a key that leaks before it expires, and
 * a long-lived certificate never exercises the renewal path. Severity is {@link Severity#MEDIUM}
 * when the certificate is publicly trusted (a BR violation, hence mis-issuance) and
 * {@link Severity#LOW} otherwise (local CAs are not bound by the BRs). Apple platforms
 * additionally reject TLS server certificates issued from 2019-07-01 on that are valid for more
 * than 825 days, locally trusted ones included (Apple support HT210176); the message says so.
 */
public final class ValidityTooLong implements Lint {

    static final Duration MAXIMUM = Duration.ofDays(398);
    static final Duration APPLE_MAXIMUM = Duration.ofDays(825);
    static final Instant APPLE_RULE_START = Instant.parse("2019-07-01T00:00:00Z");

    @Override
    public String code() {
        return "VALIDITY_TOO_LONG";
    }

    /** The most it emits: MEDIUM for publicly trusted leaves, LOW for the others. */
    @Override
    public Severity severity() {
        return Severity.MEDIUM;
    }

    @Override
    public String description() {
        return "leaf valid for more than 398 days, notAfter inclusive (BR §6.3.2); LOW unless publicly trusted";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (context.role() != CertRole.LEAF) {
            return List.of();
        }
        Duration period = validityPeriod(cert);
        if (period.compareTo(MAXIMUM) <= 0) {
            return List.of();
        }
        String apple = period.compareTo(APPLE_MAXIMUM) > 0 && !cert.notBefore().isBefore(APPLE_RULE_START)
                ? "; Apple platforms reject it outright (over 825 days)" : "";
        return List.of(new Finding(code(), context.publiclyTrusted() ? Severity.MEDIUM : Severity.LOW,
                "valid for " + describe(period) + ", more than the 398-day maximum" + apple));
    }

    /** notAfter − notBefore + 1 s: both ends are inside the validity period. */
    static Duration validityPeriod(Cert cert) {
        return Duration.between(cert.notBefore(), cert.notAfter()).plusSeconds(1);
    }

    private static String describe(Duration d) {
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        if (rest.isZero()) {
            return days + " days";
        }
        if (rest.toHours() > 0) {
            return String.format(Locale.ROOT, "%d days and %d hours", days, rest.toHours());
        }
        long s = rest.toSeconds();
        return String.format(Locale.ROOT, "%d days and %d second%s", days, s, s == 1 ? "" : "s");
    }
}
