package io.localtrust.x509;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock a test moves by hand, readable from any thread: standing still at a given instant
 * ({@link #fixedAt}), or the real time shifted by what the test says ({@link #shifted}) — for a
 * server whose time must also pass on its own (nonces, time-outs) while the test jumps months ahead.
 */
public final class MovableClock extends Clock {
    private final boolean ticking;
    private volatile Instant base; // fixed: the time; ticking: the real time is shifted by (base - EPOCH)

    private MovableClock(boolean ticking, Instant base) {
        this.ticking = ticking;
        this.base = base;
    }

    /** Stands at {@code start} until moved. */
    public static MovableClock fixedAt(Instant start) {
        return new MovableClock(false, start);
    }

    /** The real time, until moved: then the real time shifted. */
    public static MovableClock shifted() {
        return new MovableClock(true, Instant.EPOCH);
    }

    /** Moves to {@code to} (a shifted clock goes on ticking from there). */
    public void set(Instant to) {
        base = ticking ? Instant.EPOCH.plus(Duration.between(Instant.now(), to)) : to;
    }

    public void advance(Duration by) {
        base = base.plus(by);
    }

    @Override
    public Instant instant() {
        Instant b = base;
        return ticking ? Instant.now().plus(Duration.between(Instant.EPOCH, b)) : b;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a UTC test clock");
    }
}
