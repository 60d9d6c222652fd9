package io.localtrust.benchmarks;

import io.localtrust.authority.LeafSerials;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.x509.Digests;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable group commit of issuance alone, on SQLite: one operation is one
 * {@code recordIssuances} of {@value #BATCH} certificates (what the in-flight issuance benchmark
 * commits per transaction), each a 700-byte DER for one of {@value #DEVICES} registered devices, into
 * a store that already holds {@value #PREFILL} certificates. The parameter is the serial: {@code random}
 * (128 CSPRNG bits, as before) against {@code timeOrdered} ({@link LeafSerials}: issuance millisecond,
 * then 112 CSPRNG bits). Same store settings as a gateway ({@code synchronous=FULL}, WAL): each
 * operation is one fsync'd commit. Read the CPU time per operation ({@code -prof
 * "perfnorm:events=task-clock"}), which the disk's fsync latency does not move.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(1)
public class StoreCommitBenchmark {
    static final int DEVICES = 4096;
    static final int BATCH = 32;
    static final int PREFILL = 40_000;

    @Param({"random", "timeOrdered"})
    public String serials;

    private final SecureRandom random = new SecureRandom();
    private final List<String> devIds = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private Path dir;
    private GatewayStore store;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        dir = Files.createTempDirectory("localtrust-bench-store");
        store = GatewayStores.create(dir.resolve("gw"));
        Instant now = Instant.now();
        for (int i = 0; i < DEVICES; i++) {
            byte[] spki = new byte[91];
            random.nextBytes(spki);
            devIds.add(Digests.devId(spki));
            keys.add(Digests.sha256Hex(spki));
            store.register(devIds.get(i), keys.get(i), List.of("d" + i + ".home.arpa"), now);
        }
        for (int i = 0; i < PREFILL / BATCH; i++) {
            commitBatch();
        }
    }

    private BigInteger serial(Instant now) {
        if (serials.equals("timeOrdered")) {
            return LeafSerials.next(now, random);
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        return new BigInteger(1, b).setBit(127);
    }

    private void commitBatch() throws Exception {
        Instant now = Instant.now();
        List<IssuedCertificate> certs = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            int d = Math.floorMod(next++, DEVICES);
            byte[] der = new byte[700];
            random.nextBytes(der);
            certs.add(new IssuedCertificate(serial(now), devIds.get(d), keys.get(d), "CN=d" + d + ".home.arpa",
                    now.minusSeconds(60), now.plus(Duration.ofDays(90)), now, der));
        }
        store.recordIssuances(certs, "benchmark");
    }

    @Benchmark
    public void recordIssuances() throws Exception {
        commitBatch();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
