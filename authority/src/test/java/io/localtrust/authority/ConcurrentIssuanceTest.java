package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.IssuedCertificate;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many callers issuing at once through the group committer of a real gateway (SQLite). */
class ConcurrentIssuanceTest {
    private static final int THREADS = 12;
    private static final int PER_THREAD = 25;

    @TempDir
    Path tmp;

    @Test
    void everyCertificateReturnedToConcurrentCallersIsStoredOnceWithAUniqueSerial() throws Exception {
        Path dir = tmp.resolve("gw");
        TestGateway.init(dir);
        List<Issued> returned = new CopyOnWriteArrayList<>();
        try (Gateway gateway = TestGateway.open(dir)) {
            // half new devices approved at issuance, half one known device re-issued (same key, same names)
            KeyPair known = key();
            gateway.authority().issue(new IssuanceRequest(csr(known, "x"), List.of("known.home.arpa"), "setup", true));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        IssuanceRequest r = thread % 2 == 0
                                ? new IssuanceRequest(csr(key(), "x"), List.of("d" + thread + "-" + i + ".home.arpa"), "test", true)
                                : new IssuanceRequest(csr(known, "x"), List.of("known.home.arpa"), "test", false);
                        returned.add(gateway.authority().issue(r));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(returned).hasSize(THREADS * PER_THREAD);
        }
        try (Gateway reopened = TestGateway.open(dir)) {
            Map<BigInteger, IssuedCertificate> stored = reopened.store().certificates().stream()
                    .collect(Collectors.toMap(IssuedCertificate::serial, Function.identity()));
            assertThat(stored).hasSize(THREADS * PER_THREAD + 1);
            Set<BigInteger> serials = new HashSet<>();
            for (Issued i : returned) {
                assertThat(serials.add(i.leaf().serial())).as("serial unique").isTrue();
                assertThat(stored.get(i.leaf().serial())).as("returned certificate stored").isNotNull()
                        .satisfies(c -> assertThat(c.der()).isEqualTo(i.leaf().der()));
            }
            assertThat(reopened.store().verify()).isEmpty();
            // one audit "issue" entry per certificate
            long issues = reopened.store().events(1, 100_000).stream().filter(e -> e.action().equals("issue")).count();
            assertThat(issues).isEqualTo(THREADS * PER_THREAD + 1);
        }
    }

    @Test
    void closingTheStoreUnderABurstFailsCallersAndNeverReturnsAnUnstoredCertificate() throws Exception {
        Path dir = tmp.resolve("gw");
        TestGateway.init(dir);
        List<Issued> returned = new CopyOnWriteArrayList<>();
        Map<Refusal, AtomicInteger> refusals = new ConcurrentHashMap<>();
        AtomicInteger unexpected = new AtomicInteger();
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < 8 * 40; i++) {
            keys.add(key());
        }
        try (Gateway gateway = TestGateway.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicInteger next = new AtomicInteger();
            CountDownLatch someIssued = new CountDownLatch(20);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
                        try {
                            returned.add(gateway.authority().issue(new IssuanceRequest(csr(keys.get(i), "x"),
                                    List.of("b" + i + ".home.arpa"), "test", true)));
                            someIssued.countDown();
                        } catch (IssuanceRefused e) {
                            refusals.computeIfAbsent(e.refusal(), r -> new AtomicInteger()).incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            assertThat(someIssued.await(60, TimeUnit.SECONDS)).isTrue();
            gateway.store().close(); // mid-burst: callers queued or committing must fail
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(returned.size()).isGreaterThanOrEqualTo(20).isLessThan(keys.size());
        assertThat(refusals).containsOnlyKeys(Refusal.STORE_FAILED);
        assertThat(unexpected).hasValue(0);
        assertThat(returned.size() + refusals.get(Refusal.STORE_FAILED).get()).isEqualTo(keys.size());
        try (Gateway reopened = TestGateway.open(dir)) {
            Set<BigInteger> stored = reopened.store().certificates().stream().map(IssuedCertificate::serial)
                    .collect(Collectors.toSet());
            for (Issued i : returned) {
                assertThat(stored).as("returned certificate stored").contains(i.leaf().serial());
            }
            assertThat(reopened.store().verify()).isEmpty();
        }
    }
}
