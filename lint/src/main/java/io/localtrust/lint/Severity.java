package io.localtrust.lint;

import java.util.Locale;

/** How much a finding matters, most severe first (the natural order sorts reports). */
public enum Severity {
    /** An attacker on the LAN can impersonate the device or read its traffic. */
    CRITICAL,
    /** Browsers reject it, or a key or algorithm is broken. */
    HIGH,
    /** A standards violation or a weakness with a practical path to harm. */
    MEDIUM,
    /** Worth fixing; no direct attack. */
    LOW,
    /** Context, not a problem. */
    INFO;

    /** The lowercase name used in JSON and CSV. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
