package io.localtrust.benchmarks.acme;

import java.time.Duration;
import java.util.Optional;

/** CPU time a process has used so far (user + system, all threads), as the OS reports it; empty when it cannot tell. */
final class CpuTime {
    private CpuTime() {
    }

    static Optional<Duration> of(long pid) {
        return pid <= 0 ? Optional.empty() : ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
    }

    static Optional<Duration> self() {
        return of(ProcessHandle.current().pid());
    }

    /** {@code to - from}, when both are known. */
    static Optional<Duration> between(Optional<Duration> from, Optional<Duration> to) {
        return from.isPresent() && to.isPresent() ? Optional.of(to.get().minus(from.get())) : Optional.empty();
    }
}
