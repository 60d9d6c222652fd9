package io.localtrust.names.api;

import java.time.Duration;

/**
 * How much the API lets one party do, per responder.
 *
 * @param requestsPerSource   any request, per source address per second (a flood stops before any hash is computed)
 * @param registrationsPerSource registrations (both kinds) per source address per hour
 * @param updatesPerAccount   TXT and address updates per account per minute (a renewal sets two TXT values)
 */
public record ApiLimits(int requestsPerSource, int registrationsPerSource, int updatesPerAccount) {
    public ApiLimits {
        if (requestsPerSource < 1 || registrationsPerSource < 1 || updatesPerAccount < 1) {
            throw new IllegalArgumentException("rate limits are positive");
        }
    }

    /** 20 requests/s and 20 registrations/h per source; 10 updates/min per account. */
    public static ApiLimits defaults() {
        return new ApiLimits(20, 20, 10);
    }

    RateLimiter<java.net.InetAddress> requests(java.time.Clock clock) {
        return new RateLimiter<>(requestsPerSource, Duration.ofSeconds(1), clock);
    }

    RateLimiter<java.net.InetAddress> registrations(java.time.Clock clock) {
        return new RateLimiter<>(registrationsPerSource, Duration.ofHours(1), clock);
    }

    RateLimiter<String> updates(java.time.Clock clock) {
        return new RateLimiter<>(updatesPerAccount, Duration.ofMinutes(1), clock);
    }
}
