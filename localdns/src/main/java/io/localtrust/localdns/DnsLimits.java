package io.localtrust.localdns;

import java.time.Duration;
import java.util.Objects;

/**
 * What keeps a flood of queries away from the store and the CPU: the bound names are answered from
 * memory and the store's revision is read at most once per {@code refresh} (a change this process
 * makes is seen at once, one made by another process within {@code refresh}); and each source
 * address gets at most {@code queries} answers per {@code per} (a token bucket: that many at once,
 * then steadily), beyond which it gets REFUSED without the query being parsed.
 *
 * @param refresh how long the names read from the store are answered before its revision is read again
 * @param queries queries answered per source address per {@code per}
 * @param per     the period of {@code queries}
 */
public record DnsLimits(Duration refresh, int queries, Duration per) {
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(250);

    public DnsLimits {
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(per, "per");
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("the refresh interval must be positive");
        }
        if (queries < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a DNS rate needs a positive count and period");
        }
    }

    /** 250 ms between store reads; 100 queries per second per source address. */
    public static DnsLimits defaults() {
        return new DnsLimits(DEFAULT_REFRESH, 100, Duration.ofSeconds(1));
    }

    /** The defaults with another per-source rate. */
    public static DnsLimits withRate(int queries, Duration per) {
        return new DnsLimits(DEFAULT_REFRESH, queries, per);
    }
}
