package io.localtrust.acme;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by a string (a source address, an account): {@code count} tokens, refilled
 * steadily over {@code per}. In memory, at most {@value #MAX_KEYS} keys (full buckets are dropped
 * first when it fills: a full bucket is the same as none).
 */
final class RateLimiter {
    static final int MAX_KEYS = 100_000;
    private final AcmeSettings.RateLimit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    RateLimiter(AcmeSettings.RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Takes a token for {@code key}, or says how long until one is available. */
    void take(String key, String what) throws AcmeProblem {
        long now = clock.millis() * 1_000_000L;
        double perNano = (double) limit.count() / limit.per().toNanos();
        if (buckets.size() >= MAX_KEYS) {
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    return b.tokens + (now - b.lastNanos) * perNano >= limit.count();
                }
            });
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limit.count(), now));
        synchronized (b) {
            b.tokens = Math.min(limit.count(), b.tokens + Math.max(0, now - b.lastNanos) * perNano);
            b.lastNanos = Math.max(b.lastNanos, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            long waitNanos = (long) Math.ceil((1 - b.tokens) / perNano);
            Duration wait = Duration.ofNanos(waitNanos);
            throw AcmeProblem.rateLimited(what + ": at most " + limit.count() + " per " + describe(limit.per())
                    + "; retry after " + Math.max(1, wait.toSeconds()) + " s", wait.toSeconds() < 1 ? Duration.ofSeconds(1) : wait);
        }
    }

    private static String describe(Duration d) {
        return d.equals(Duration.ofSeconds(1)) ? "second" : d.equals(Duration.ofMinutes(1)) ? "minute"
                : d.equals(Duration.ofHours(1)) ? "hour" : d.toString();
    }
}
