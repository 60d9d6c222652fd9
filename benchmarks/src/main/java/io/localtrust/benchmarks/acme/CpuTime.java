package io.localtrust.benchmarks.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time a process has used so far (user + system), as the OS reports it; empty when it cannot
 * tell. {@link #withoutJvmHousekeeping} leaves out a JVM's JIT compiler and garbage collector
 * threads (by their Linux thread names): on a busy 2-vCPU machine a JVM server still compiles
 * minutes into a run, and that cost is the JVM's warm-up, not its work per request.
 */
final class CpuTime {
    /** The kernel reports thread times in USER_HZ ticks, 100 per second on Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final List<String> HOUSEKEEPING = List.of("C1 CompilerThre", "C2 CompilerThre", "GC Thread", "G1 ", "VM Thread");

    private CpuTime() {
    }

    static Optional<Duration> of(long pid) {
        return pid <= 0 ? Optional.empty() : ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
    }

    static Optional<Duration> self() {
        return of(ProcessHandle.current().pid());
    }

    /** CPU of the process's threads alive now, except JIT and GC threads; empty without Linux's /proc. */
    static Optional<Duration> withoutJvmHousekeeping(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long ticks = 0;
            for (Path t : tasks.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    if (HOUSEKEEPING.stream().anyMatch(comm::startsWith)) {
                        continue;
                    }
                    String stat = Files.readString(t.resolve("stat"));
                    // fields after the parenthesised name: state is 3rd, utime 14th, stime 15th (1-based, whole line)
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended meanwhile: its time is gone from the sum either way
                }
            }
            return Optional.of(Duration.ofNanos(ticks * NANOS_PER_TICK));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code to - from}, when both are known. */
    static Optional<Duration> between(Optional<Duration> from, Optional<Duration> to) {
        return from.isPresent() && to.isPresent() ? Optional.of(to.get().minus(from.get())) : Optional.empty();
    }
}
