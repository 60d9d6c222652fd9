package io.localtrust.names.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a source address, an account): {@code burst} at once, then
 * {@code burst} per {@code per}, steadily. In memory and per responder (several responders over
 * one PostgreSQL each allow the rate: docs/names.md). At most {@value #MAX_KEYS} keys: when full,
 * full buckets are dropped first (a full bucket is the same as none), then all — briefly lenient
 * rather than unbounded under a spoofed-source flood.
 *
 * @param <K> what is limited
 */
final class RateLimiter<K> {
    static final int MAX_KEYS = 65_536;
    private final int burst;
    private final double perMilli;
    private final Clock clock;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }

        synchronized double refill(long now, int burst, double perMilli) {
            tokens = Math.min(burst, tokens + Math.max(0, now - last) * perMilli);
            last = Math.max(last, now);
            return tokens;
        }

        /** 0 when a token was taken, else the milliseconds until one is there. */
        synchronized long take(long now, int burst, double perMilli) {
            if (refill(now, burst, perMilli) >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perMilli);
        }
    }

    RateLimiter(int burst, Duration per, Clock clock) {
        if (burst < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate needs a positive count and period");
        }
        this.burst = burst;
        this.perMilli = (double) burst / per.toMillis();
        this.clock = clock;
    }

    /**
     * Takes a token for {@code key}.
     *
     * @return 0 if allowed, else the milliseconds to wait
     */
    long take(K key) {
        long now = clock.millis();
        if (buckets.size() >= MAX_KEYS) {
            buckets.values().removeIf(b -> b.refill(now, burst, perMilli) >= burst);
            if (buckets.size() >= MAX_KEYS) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, burst, perMilli);
    }
}
