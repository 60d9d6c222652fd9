package io.localtrust.tokens;

import java.util.Locale;
import java.util.Optional;

/**
 * What a device says about its own state in a status token: a deliberately small set, so that a
 * client can show it without interpreting free text. The wire form is the lowercase name.
 */
public enum DeviceStatus {
    /** Operating normally. */
    OK,
    /** Running, with a fault a user should look at (a failed sensor, a full disk). */
    DEGRADED,
    /** Installing firmware; may restart soon. */
    UPDATING,
    /** Taken out of service on purpose by its owner. */
    MAINTENANCE;

    /** The claim value: "ok", "degraded", "updating", "maintenance". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a claim value; empty for anything else (case matters). */
    public static Optional<DeviceStatus> fromWireName(String value) {
        for (DeviceStatus s : values()) {
            if (s.wireName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
