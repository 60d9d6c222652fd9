package io.localtrust.scanner;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to scan.
 *
 * @param ports       the ports probed on every target given without one
 * @param timeout     per connection: connect plus the answer (a TLS chain or an HTTP head)
 * @param concurrency connections open at once
 * @param rate        connection attempts per second at most; empty for no cap
 * @param deadline    the whole scan; empty to derive it from the work ({@link #deadlineFor})
 */
public record ScanSettings(List<Integer> ports, Duration timeout, int concurrency, OptionalDouble rate, Optional<Duration> deadline) {
    public static final List<Integer> DEFAULT_PORTS = List.of(80, 443, 8443);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_CONCURRENCY = 256;

    public ScanSettings {
        ports = List.copyOf(ports);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(deadline, "deadline");
        if (ports.isEmpty() || ports.stream().anyMatch(p -> p < 1 || p > 65_535)) {
            throw new IllegalArgumentException("ports are 1 to 65535, at least one");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout is above zero");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency is at least 1");
        }
    }

    public static ScanSettings defaults() {
        return new ScanSettings(DEFAULT_PORTS, DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY, OptionalDouble.empty(), Optional.empty());
    }

    /**
     * The scan's deadline for {@code probes} probes: the given one, else the time the work takes
     * when every connection runs to its timeout twice (both schemes tried), plus the rate's pacing
     * — a bound that only a scan gone wrong reaches.
     */
    public Duration deadlineFor(int probes) {
        if (deadline.isPresent()) {
            return deadline.get();
        }
        long rounds = (probes + concurrency - 1) / concurrency;
        // in milliseconds: Duration.multipliedBy goes through BigDecimal, whose class set-up costs a scan's start ~10 ms
        Duration work = Duration.ofMillis(Math.multiplyExact(timeout.toMillis(), 2 * Math.max(1, rounds)));
        long paced = rate.isPresent() ? (long) Math.ceil(2 * probes / rate.getAsDouble()) : 0;
        return work.plusSeconds(paced).plusSeconds(5);
    }
}
