package io.localtrust.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.CertificateStore;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group committer against a real SQLite store, seen through a proxy that records each
 * transaction's size and can hold the first one open, so that the callers arriving meanwhile
 * queue up deterministically.
 */
class IssuanceCommitterTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String DEV = "dev-1";
    private static final String SPKI = "a".repeat(64);

    @TempDir
    Path tmp;
    GatewayStore store;
    /** Sizes of the issuance transactions the committer asked for, in order. */
    final List<Integer> transactions = new CopyOnWriteArrayList<>();
    /** While set, the first transaction waits for it before touching the store. */
    volatile CountDownLatch gate;
    final CountDownLatch inFirst = new CountDownLatch(1);
    /** Close the store while the first transaction is held (before it reaches the store). */
    volatile boolean closeWhileHeld;
    final AtomicLong serials = new AtomicLong(1000);

    @BeforeEach
    void setUp() throws Exception {
        store = GatewayStores.create(tmp.resolve("store"));
        store.register(DEV, SPKI, List.of("a.home.arpa"), NOW);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private CertificateStore watched() {
        return (CertificateStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CertificateStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("recordIssuance") || method.getName().equals("recordIssuances")) {
                        transactions.add(args[0] instanceof List<?> l ? l.size() : 1);
                        CountDownLatch g = gate;
                        if (g != null && transactions.size() == 1) {
                            if (closeWhileHeld) {
                                store.close();
                            }
                            inFirst.countDown();
                            assertThat(g.await(30, TimeUnit.SECONDS)).isTrue();
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private IssuedCertificate record(long serial) {
        return new IssuedCertificate(BigInteger.valueOf(serial), DEV, SPKI, "CN=a.home.arpa", NOW,
                NOW.plus(90, ChronoUnit.DAYS), NOW, new byte[] {0x30, 0x03, 0x02, 0x01, (byte) serial});
    }

    /** Outcome per serial: null for stored, else the exception. */
    private Map<Long, Object> runQueued(IssuanceCommitter committer, long first, List<Long> queued) throws Exception {
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().start(() -> outcomes.put(first, attempt(committer, first))));
        assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();
        for (long s : queued) {
            threads.add(Thread.ofPlatform().start(() -> outcomes.put(s, attempt(committer, s))));
        }
        // every queued caller is parked waiting for the running commit
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (threads.stream().skip(1).anyMatch(t -> t.getState() != Thread.State.WAITING)) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
        gate.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(outcomes).hasSize(queued.size() + 1);
        return outcomes;
    }

    private Object attempt(IssuanceCommitter committer, long serial) {
        try {
            committer.commit(record(serial), "test");
            return "stored";
        } catch (Throwable e) {
            return e;
        }
    }

    private List<BigInteger> storedSerials() throws StoreException {
        return store.certificates().stream().map(IssuedCertificate::serial).toList();
    }

    @Test
    void aLoneCallerCommitsAtOnceInItsOwnTransaction() throws Exception {
        IssuanceCommitter committer = new IssuanceCommitter(watched());
        long t0 = System.nanoTime();
        committer.commit(record(1), "test");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
        committer.commit(record(2), "test");
        assertThat(transactions).containsExactly(1, 1);
        assertThat(storedSerials()).containsExactly(BigInteger.ONE, BigInteger.TWO);
    }

    @Test
    void callersQueuedDuringACommitShareTheNextTransaction() throws Exception {
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched());
        Map<Long, Object> outcomes = runQueued(committer, 1, List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
        assertThat(outcomes.values()).allMatch("stored"::equals);
        assertThat(transactions).containsExactly(1, 8);
        assertThat(storedSerials()).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void batchesAreCappedAndTheRestFollowsInTheNextTransaction() throws Exception {
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched(), 3, IssuanceCommitter.MAX_SIBLING_WAIT_NANOS);
        Map<Long, Object> outcomes = runQueued(committer, 1, List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L));
        assertThat(outcomes.values()).allMatch("stored"::equals);
        assertThat(transactions).containsExactly(1, 3, 3, 1);
        assertThat(storedSerials()).hasSize(8);
    }

    @Test
    void aConflictInABatchFailsOnlyTheBadRecord() throws Exception {
        store.recordIssuance(record(5), "earlier");
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched());
        Map<Long, Object> outcomes = runQueued(committer, 1, List.of(2L, 3L, 5L, 6L));
        assertThat(outcomes.get(5L)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CONFLICT));
        assertThat(outcomes.get(1L)).isEqualTo("stored");
        assertThat(outcomes.get(2L)).isEqualTo("stored");
        assertThat(outcomes.get(3L)).isEqualTo("stored");
        assertThat(outcomes.get(6L)).isEqualTo("stored");
        // the batch of four was refused whole, then each record retried alone
        assertThat(transactions).containsExactly(1, 4, 1, 1, 1, 1);
        assertThat(storedSerials()).containsExactlyInAnyOrder(BigInteger.valueOf(5), BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(3), BigInteger.valueOf(6));
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void aStoreThatFailsFailsEveryCallerAndStoresNothing() throws Exception {
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched());
        closeWhileHeld = true; // closed under the running commit and the queued batch
        Map<Long, Object> outcomes = runQueued(committer, 1, List.of(2L, 3L, 4L));
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.UNAVAILABLE)));
        assertThat(transactions).containsExactly(1, 3);
        try (GatewayStore reopened = GatewayStores.open(tmp.resolve("store"))) {
            assertThat(reopened.certificates()).isEmpty();
            assertThat(reopened.verify()).isEmpty();
        }
    }

    /** A committer whose last commit took ~1 s (held at the gate), so a leader may wait that long. */
    private IssuanceCommitter afterASlowCommit() throws Exception {
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched(), 256, TimeUnit.SECONDS.toNanos(10));
        Thread first = Thread.ofPlatform().start(() -> attempt(committer, 1));
        assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1000);
        gate.countDown();
        first.join(30_000);
        return committer;
    }

    @Test
    void aLeaderWaitsBrieflyForAnAnnouncedSiblingAndTheyShareOneTransaction() throws Exception {
        IssuanceCommitter committer = afterASlowCommit();
        IssuanceCommitter.Ticket sibling = committer.announce();
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        Thread leader = Thread.ofPlatform().start(() -> outcomes.put(2L, attempt(committer, 2)));
        Thread.sleep(50); // the leader is waiting for the announced sibling, not committing
        assertThat(transactions).containsExactly(1);
        sibling.commit(record(3), "test");
        leader.join(30_000);
        assertThat(outcomes.get(2L)).isEqualTo("stored");
        assertThat(transactions).containsExactly(1, 2);
        sibling.withdraw(); // no-op after its commit
        assertThat(storedSerials()).hasSize(3);
    }

    @Test
    void aLeaderWithMoreRecordsQueuedThanAnnouncedCommitsWithoutWaiting() throws Exception {
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched(), 256, TimeUnit.SECONDS.toNanos(10));
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        Thread first = Thread.ofPlatform().start(() -> outcomes.put(1L, attempt(committer, 1)));
        assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();
        IssuanceCommitter.Ticket sibling = committer.announce(); // still building when the next commit starts
        Thread second = Thread.ofPlatform().start(() -> outcomes.put(2L, attempt(committer, 2)));
        Thread third = Thread.ofPlatform().start(() -> outcomes.put(3L, attempt(committer, 3)));
        while (second.getState() != Thread.State.WAITING || third.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        Thread.sleep(1000); // the first commit takes ~1 s: a leader that waited for the sibling would wait that long
        long t0 = System.nanoTime();
        gate.countDown();
        second.join(30_000);
        third.join(30_000);
        // two queued against one announced: the batch is worth its fsync as it is
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(800);
        assertThat(outcomes).containsEntry(2L, "stored").containsEntry(3L, "stored");
        assertThat(transactions).containsExactly(1, 2);
        sibling.withdraw();
        first.join(30_000);
    }

    /** A committer whose last commit was a batch of {@code size} (under load), started just now. */
    private IssuanceCommitter afterABusyBatch(long busyIntervalNanos, int size) throws Exception {
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched(), 1024, IssuanceCommitter.MAX_SIBLING_WAIT_NANOS,
                busyIntervalNanos);
        List<Long> queued = new ArrayList<>();
        for (long s = 2; s <= size + 1; s++) {
            queued.add(s);
        }
        assertThat(runQueued(committer, 1, queued).values()).allMatch("stored"::equals);
        assertThat(transactions).containsExactly(1, size);
        return committer;
    }

    @Test
    void underLoadTheNextCommitGathersTheRecordsOfTheBusyInterval() throws Exception {
        IssuanceCommitter committer = afterABusyBatch(TimeUnit.SECONDS.toNanos(2), IssuanceCommitter.BUSY_BATCH);
        long t0 = System.nanoTime();
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        List<Thread> late = new ArrayList<>();
        for (long s = 100; s < 103; s++) { // arriving one by one, each alone: no sibling announced
            long serial = s;
            late.add(Thread.ofPlatform().start(() -> outcomes.put(serial, attempt(committer, serial))));
            Thread.sleep(100);
        }
        for (Thread t : late) {
            t.join(30_000);
        }
        assertThat(outcomes.values()).allMatch("stored"::equals);
        // without the busy rule each would have committed alone: 1, 32, 1, 1, 1
        assertThat(transactions).containsExactly(1, IssuanceCommitter.BUSY_BATCH, 3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
    }

    @Test
    void aSmallBatchIsNotLoadAndTheNextCallerCommitsAtOnce() throws Exception {
        IssuanceCommitter committer = afterABusyBatch(TimeUnit.SECONDS.toNanos(10), IssuanceCommitter.BUSY_BATCH - 1);
        long t0 = System.nanoTime();
        committer.commit(record(100), "test");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000); // not the 10 s interval
        assertThat(transactions).containsExactly(1, IssuanceCommitter.BUSY_BATCH - 1, 1);
    }

    @Test
    void onceTheLoadHasPassedALoneCallerCommitsAtOnce() throws Exception {
        IssuanceCommitter committer = afterABusyBatch(TimeUnit.SECONDS.toNanos(2), 40);
        Thread.sleep(2_200); // the interval since the busy commit started is over
        long t0 = System.nanoTime();
        committer.commit(record(100), "test");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_500); // no wait of its own
        assertThat(transactions).containsExactly(1, 40, 1);
    }

    @Test
    void aLoneCallerDoesNotWaitEvenAfterASlowCommit() throws Exception {
        IssuanceCommitter committer = afterASlowCommit();
        long t0 = System.nanoTime();
        committer.commit(record(2), "test"); // nobody announced: commits at once
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(800); // not the ~1 s a wait would take
        assertThat(transactions).containsExactly(1, 1);
    }

    @Test
    void aWithdrawnSiblingReleasesTheWaitingLeader() throws Exception {
        IssuanceCommitter committer = afterASlowCommit();
        IssuanceCommitter.Ticket sibling = committer.announce();
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        Thread leader = Thread.ofPlatform().start(() -> outcomes.put(2L, attempt(committer, 2)));
        Thread.sleep(50);
        sibling.withdraw(); // refused before its commit
        leader.join(30_000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(800); // not the ~1 s cap
        assertThat(outcomes.get(2L)).isEqualTo("stored");
        assertThat(transactions).containsExactly(1, 1);
    }

    @Test
    void aCallerBlockedByARuntimeFailureIsNotToldItsRecordIsStored() throws Exception {
        CertificateStore broken = (CertificateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CertificateStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("boom");
                });
        IssuanceCommitter committer = new IssuanceCommitter(broken);
        assertThatThrownBy(() -> committer.commit(record(1), "test")).isInstanceOf(IllegalStateException.class);
        // the committer is not wedged: the next caller leads again
        assertThatThrownBy(() -> committer.commit(record(2), "test")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manyVirtualThreadCallersAreAllStoredInSharedTransactions() throws Exception {
        IssuanceCommitter committer = new IssuanceCommitter(watched());
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (long s = 1; s <= 300; s++) {
                long serial = s;
                executor.execute(() -> outcomes.put(serial, attempt(committer, serial)));
            }
        }
        assertThat(outcomes).hasSize(300);
        assertThat(outcomes.values()).allMatch("stored"::equals);
        assertThat(storedSerials()).hasSize(300).doesNotHaveDuplicates();
        assertThat(transactions.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(transactions.size()).isLessThan(300); // callers shared fsyncs
        committer.close();
    }

    @Test
    void closeCommitsWhatIsQueuedThenRefusesAndStopsItsThread() throws Exception {
        gate = new CountDownLatch(1);
        IssuanceCommitter committer = new IssuanceCommitter(watched());
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        Thread first = Thread.ofPlatform().start(() -> outcomes.put(1L, attempt(committer, 1)));
        assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();
        Thread second = Thread.ofPlatform().start(() -> outcomes.put(2L, attempt(committer, 2)));
        while (second.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        Thread closer = Thread.ofPlatform().start(committer::close);
        Thread.sleep(50);
        gate.countDown();
        closer.join(30_000);
        first.join(30_000);
        second.join(30_000);
        assertThat(outcomes).containsEntry(1L, "stored").containsEntry(2L, "stored");
        assertThat(committer.threadAlive()).isFalse();
        assertThatThrownBy(() -> committer.commit(record(3), "test")).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        assertThat(storedSerials()).containsExactly(BigInteger.ONE, BigInteger.TWO);
    }
}
