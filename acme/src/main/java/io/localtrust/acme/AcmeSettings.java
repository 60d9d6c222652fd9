package io.localtrust.acme;

import java.time.Duration;
import java.util.Objects;

/**
 * How the ACME front end behaves; {@link #defaults()} is what {@code gateway run} uses unless told.
 *
 * @param orderLifetime      how long an order (and its authorizations) may take to complete
 * @param nonceLifetime      how long a nonce stays usable
 * @param nonceCapacity      how many unused nonces are remembered at most
 * @param perAddress         requests per source address
 * @param perAccountOrders   new orders per account
 * @param pendingRetryAfter  the Retry-After sent while an order waits for a person's approval
 * @param website            shown in the directory's {@code meta}, or null
 */
public record AcmeSettings(Duration orderLifetime, Duration nonceLifetime, int nonceCapacity, RateLimit perAddress,
                           RateLimit perAccountOrders, Duration pendingRetryAfter, String website) {
    /** At most {@code count} events per {@code per}, as a token bucket (a burst of {@code count}, then steady). */
    public record RateLimit(int count, Duration per) {
        public RateLimit {
            if (count < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a positive count and period");
            }
        }

        /** Parses "N/s", "N/min", "N/h" (the CLI's spelling). */
        public static RateLimit parse(String text) {
            String[] parts = text.trim().split("/", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a rate like 20/s, 600/min or 300/h");
            }
            int n;
            try {
                n = Integer.parseInt(parts[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a rate like 20/s, 600/min or 300/h");
            }
            Duration per = switch (parts[1].trim()) {
                case "s" -> Duration.ofSeconds(1);
                case "min" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> throw new IllegalArgumentException("'" + text + "': the period is s, min or h");
            };
            if (n < 1) {
                throw new IllegalArgumentException("'" + text + "': the count must be at least 1");
            }
            return new RateLimit(n, per);
        }
    }

    public AcmeSettings {
        Objects.requireNonNull(orderLifetime, "orderLifetime");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perAccountOrders, "perAccountOrders");
        Objects.requireNonNull(pendingRetryAfter, "pendingRetryAfter");
    }

    public static AcmeSettings defaults() {
        return new AcmeSettings(Duration.ofDays(7), Duration.ofHours(1), 100_000, new RateLimit(100, Duration.ofSeconds(1)),
                new RateLimit(300, Duration.ofHours(1)), Duration.ofSeconds(3), null);
    }
}
