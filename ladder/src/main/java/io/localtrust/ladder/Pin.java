package io.localtrust.ladder;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One trust-on-first-use pin: the key an endpoint presented the first time.
 *
 * @param endpoint   "host:port" (IPv6 literals bracketed), the host lowercase
 * @param spkiSha256 SHA-256 of the SubjectPublicKeyInfo DER, 64 lowercase hex digits
 * @param firstSeen  when the pin was taken
 * @param lastSeen   when the key was last seen matching
 */
public record Pin(String endpoint, String spkiSha256, Instant firstSeen, Instant lastSeen) {
    public Pin {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        endpoint = endpoint.toLowerCase(Locale.ROOT);
        spkiSha256 = spkiSha256.toLowerCase(Locale.ROOT);
        if (!endpoint.matches("(\\[[0-9a-f:.]+\\]|[a-z0-9._-]+):[0-9]{1,5}")) {
            throw new IllegalArgumentException("not a host:port endpoint: '" + endpoint + "'");
        }
        if (!spkiSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: '" + spkiSha256 + "'");
        }
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("last seen " + lastSeen + " is before first seen " + firstSeen);
        }
    }

    Pin seenAt(Instant when) {
        return new Pin(endpoint, spkiSha256, firstSeen, when.isAfter(lastSeen) ? when : lastSeen);
    }

    /** The line in the pin file. */
    String line() {
        return endpoint + " " + spkiSha256 + " " + firstSeen + " " + lastSeen;
    }
}
