package io.localtrust.practice;

import java.util.Locale;

/**
 * Whether the device's key is its own (DESIGN.md §2, "Shared").
 */
public enum Uniqueness {
    /** Seen on this device only, but there was nothing else to compare with. */
    ASSUMED,
    /** Seen on this device only, among a fleet of two or more devices observed together. */
    CONFIRMED,
    /** Seen on two or more devices, or listed in a compromised-key set. */
    SHARED;

    /** The lowercase JSON value. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
