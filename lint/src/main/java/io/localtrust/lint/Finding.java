package io.localtrust.lint;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about a device or a certificate.
 *
 * @param code     stable machine code ({@code WEAK_KEY}, {@code SHARED_KEY}); never renamed once
 *                 released — reports and other tools key on it (docs/findings.md lists them)
 * @param severity how much it matters
 * @param message  one line for a person: what is wrong and why it matters
 */
public record Finding(String code, Severity severity, String message) {

    /** Most severe first, then by code, then by message: a stable report order. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::code).thenComparing(Finding::message);

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*");

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("finding codes are UPPER_SNAKE_CASE: " + code);
        }
        if (message.contains("\n")) {
            throw new IllegalArgumentException("a finding message is one line");
        }
    }
}
