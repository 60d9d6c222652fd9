package io.localtrust.localdns;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source address ({@link DnsLimits#queries()} per {@link DnsLimits#per()}), in
 * memory, at most {@value #MAX_SOURCES} addresses: when it fills, full buckets are dropped first
 * (a full bucket is the same as none), then, if a spoofed-source flood still fills it, every
 * bucket — the limit is then briefly lenient rather than the map unbounded.
 */
final class SourceRateLimit {
    static final int MAX_SOURCES = 65_536;
    private final int capacity;
    private final double perMilli;
    private final Clock clock;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastMillis;

        Bucket(double tokens, long lastMillis) {
            this.tokens = tokens;
            this.lastMillis = lastMillis;
        }

        synchronized double refill(long now, int capacity, double perMilli) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - lastMillis) * perMilli);
            lastMillis = Math.max(lastMillis, now);
            return tokens;
        }

        synchronized boolean take(long now, int capacity, double perMilli) {
            if (refill(now, capacity, perMilli) >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    SourceRateLimit(DnsLimits limits, Clock clock) {
        this.capacity = limits.queries();
        this.perMilli = (double) limits.queries() / limits.per().toMillis();
        this.clock = clock;
    }

    /** Takes a token for a query from {@code source}; false when it has asked too much lately. */
    boolean allow(InetAddress source) {
        long now = clock.millis();
        if (buckets.size() >= MAX_SOURCES) {
            buckets.values().removeIf(b -> b.refill(now, capacity, perMilli) >= capacity);
            if (buckets.size() >= MAX_SOURCES) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(source, s -> new Bucket(capacity, now)).take(now, capacity, perMilli);
    }
}
