package io.localtrust.scanner;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces connection attempts to at most {@code perSecond}, evenly spaced: a scan must not look
 * like a flood to a small device or a home router's connection table. Elapsed time is measured
 * with {@link System#nanoTime()}; the wall clock plays no part.
 */
final class RateLimit {
    private final long intervalNanos;
    private long next;

    RateLimit(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a rate is above zero");
        }
        this.intervalNanos = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / perSecond));
        this.next = System.nanoTime();
    }

    /** Waits for the next slot. */
    void acquire() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long at = Math.max(now, next);
            next = at + intervalNanos;
            wait = at - now;
        }
        while (wait > 0) {
            long until = System.nanoTime() + wait;
            LockSupport.parkNanos(wait);
            wait = until - System.nanoTime();
        }
    }
}
