package io.localtrust.acme.validation;

import java.time.Duration;

/** Conversions of {@link Duration}s into socket timeouts, and their wording in details. */
final class Timeouts {
    private Timeouts() {
    }

    /** Milliseconds for a socket timeout: at least 1 (0 means "forever" to a socket), at most {@code Integer.MAX_VALUE}. */
    static int millis(Duration d) {
        long ms = d.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    /** "5s", "1.5s", "250ms". */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
        return d;
    }
}
