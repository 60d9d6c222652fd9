package io.localtrust.benchmarks.acme;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a load run measured, over its measurement period only.
 *
 * @param label          the server
 * @param clients        concurrent clients
 * @param period         the measurement period
 * @param latencies      end-to-end time of each flow completed in the period, sorted, in nanoseconds
 * @param errors         flows that failed, warm-up included (a valid run has none)
 * @param errorSamples   the first few failures, one line each
 * @param requests       HTTP requests the clients sent to the CA in the period
 * @param connections    TLS connections the clients opened in the period (one handshake each)
 * @param validations    key authorizations the challenge server served in the period
 * @param serverCpu      CPU time the server process used in the period, if known
 * @param serverWork     the same without a JVM's JIT compiler and GC threads, if known (all of it for a non-JVM server)
 * @param clientCpu      CPU time this load generator used in the period (clients and challenge server), if known
 * @param clientWork     the same without this JVM's JIT compiler and GC threads, if known
 */
record LoadReport(String label, int clients, Duration period, long[] latencies, long errors, List<String> errorSamples,
                  long requests, long connections, long validations, Optional<Duration> serverCpu, Optional<Duration> serverWork,
                  Optional<Duration> clientCpu, Optional<Duration> clientWork) {
    LoadReport {
        errorSamples = List.copyOf(errorSamples);
    }

    long certificates() {
        return latencies.length;
    }

    double perSecond() {
        return latencies.length / (period.toNanos() / 1e9);
    }

    /** The q-quantile (nearest rank) in milliseconds; 0 without samples. */
    double percentileMillis(double q) {
        if (latencies.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * latencies.length);
        return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
    }

    private double per(long n) {
        return latencies.length == 0 ? 0 : (double) n / latencies.length;
    }

    /** Milliseconds of CPU per certificate; -1 when not measured. */
    private double cpuMillisPerCert(Optional<Duration> cpu) {
        return cpu.map(d -> per(d.toNanos()) / 1e6).orElse(-1.0);
    }

    /** Human lines, then one {@code RESULT} line of key=value pairs for scripts. */
    String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s, %d clients: %d certificates in %.1f s = %.1f certificates/s;"
                        + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f requests, %.3f TLS connections and %.2f validations"
                        + " per certificate; %d errors%n", label, clients, certificates(), period.toNanos() / 1e9, perSecond(),
                percentileMillis(0.5), percentileMillis(0.99), percentileMillis(1.0), per(requests), per(connections), per(validations),
                errors));
        b.append(String.format(Locale.ROOT, "  CPU per certificate: server %.2f ms (%.2f ms without JIT and GC threads),"
                + " load generator %.2f ms (%.2f ms without JIT and GC threads) (-1: not measured)%n", cpuMillisPerCert(serverCpu),
                cpuMillisPerCert(serverWork), cpuMillisPerCert(clientCpu), cpuMillisPerCert(clientWork)));
        errorSamples.forEach(e -> b.append("  error: ").append(e).append('\n'));
        b.append(String.format(Locale.ROOT, "RESULT server=%s clients=%d certificates=%d seconds=%.1f rate=%.2f p50_ms=%.1f"
                        + " p99_ms=%.1f requests_per_cert=%.1f server_cpu_ms_per_cert=%.2f server_work_ms_per_cert=%.2f"
                + " client_cpu_ms_per_cert=%.2f client_work_ms_per_cert=%.2f connections_per_cert=%.3f errors=%d%n", label, clients,
                certificates(), period.toNanos() / 1e9, perSecond(), percentileMillis(0.5), percentileMillis(0.99), per(requests),
                cpuMillisPerCert(serverCpu), cpuMillisPerCert(serverWork), cpuMillisPerCert(clientCpu), cpuMillisPerCert(clientWork),
                per(connections), errors));
        return b.toString();
    }
}
