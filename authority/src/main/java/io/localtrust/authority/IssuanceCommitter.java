package io.localtrust.authority;

import io.localtrust.store.CertificateStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.StoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for issuance: concurrent callers' records are written in ONE durable
 * {@link CertificateStore#recordIssuances} transaction (one fsync for the lot) instead of one each.
 *
 * <p>Commits run on one platform thread of their own ({@value #THREAD_NAME}, started with the
 * first record): a caller queues its record and parks until that thread reports the outcome. While
 * one transaction is being written and synced, the records queued meanwhile form the next one, so
 * the batch grows with the load and a lone request commits at once (no timer); under load, commits
 * are spaced at least {@link #BUSY_INTERVAL_NANOS} apart so that each carries more. Callers may be
 * virtual threads — a front end serving many requests on few CPUs — and they never pin a carrier in
 * the store's native fsync: only the commit thread waits on the disk, so the CPUs keep checking,
 * building and signing the next certificates. Callers that {@linkplain #announce() announce} their
 * record before building it are also waited for, briefly, before a commit starts (see
 * {@link Ticket}): with two callers that alternate, this is what makes them share commits at all.
 *
 * <p>{@link #commit} returns only after the caller's record is durably committed, and throws
 * otherwise; a record is never reported committed if its transaction did not commit. Failure:
 * a batch is all-or-none, so when it is refused with {@code CONFLICT} (one bad record — a serial
 * or a key the store will not take) each record of that batch is retried in its own transaction,
 * so that the bad one fails alone and the others are stored. Any other failure
 * ({@code UNAVAILABLE}: closed store, full disk, lost connection; {@code CORRUPT}) fails every
 * caller of the batch with that error, nothing retried; a bug (a runtime exception from the store)
 * fails the batch's callers with an {@link IllegalStateException}, and the thread goes on.
 *
 * <p>The store's batch call takes one actor, so a batch is split by actor (normally there is one:
 * a front end's actor). {@link #close()} commits what is queued, then stops the thread; a record
 * offered after that is refused.
 */
final class IssuanceCommitter implements AutoCloseable {
    static final String THREAD_NAME = "localtrust-issuance-commit";
    private final CertificateStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Callers that announced a record (a {@link Ticket}) and have neither queued it nor withdrawn. */
    private int announced;
    private Thread thread; // guarded by lock; started with the first record
    private boolean closed; // guarded by lock
    private final int maxBatch;
    /**
     * How long the last commit took: the most the commit thread waits for announced siblings. Under
     * steady load some sibling is nearly always announced; it waits only while no more records are
     * queued than announced, so at most one commit's time of added latency, for batches that cost
     * one fsync instead of many.
     */
    private volatile long lastCommitNanos = TimeUnit.MILLISECONDS.toNanos(1);
    static final long MAX_SIBLING_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * Under load — the last batch held at least {@link #BUSY_BATCH} records — a commit starts at
     * most every {@link #BUSY_INTERVAL_NANOS} (or once {@link #BUSY_FULL} records are queued): with
     * a fast disk, commits would otherwise follow each other as fast as they complete, each with a
     * few dozen records, and the store's per-commit work (every touched page written out again)
     * would cost the CPUs the callers need. The few milliseconds added are small against the
     * queueing such a load already causes; a lone request (a small last batch, or a last commit
     * long ago) never waits for it.
     */
    static final int BUSY_BATCH = 32;
    static final int BUSY_FULL = 256;
    static final long BUSY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long maxSiblingWaitNanos;
    private final long busyIntervalNanos;
    /** Commit thread only: the size of the last batch, and when its commit started. */
    private int lastBatch;
    private long lastCommitStarted;
    private final LongAdder transactions = new LongAdder();
    private final LongAdder records = new LongAdder();

    IssuanceCommitter(CertificateStore store) {
        this(store, 1024, MAX_SIBLING_WAIT_NANOS);
    }

    IssuanceCommitter(CertificateStore store, int maxBatch, long maxSiblingWaitNanos) {
        this(store, maxBatch, maxSiblingWaitNanos, BUSY_INTERVAL_NANOS);
    }

    IssuanceCommitter(CertificateStore store, int maxBatch, long maxSiblingWaitNanos, long busyIntervalNanos) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch < 1");
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.maxSiblingWaitNanos = maxSiblingWaitNanos;
        this.busyIntervalNanos = busyIntervalNanos;
    }

    /** One caller's record, and how its commit ended. */
    private static final class Pending {
        final IssuedCertificate certificate;
        final String actor;
        /** Set by the commit thread before {@link #settle}; read by the caller only after it. */
        boolean stored;
        Exception failure;
        /**
         * Released once the outcome is known: each caller waits on its own, so that a commit wakes
         * exactly the callers it settled — not every caller waiting for a later one, as one shared
         * condition would (with a thousand callers in flight, that stampede on the lock cost a third
         * of each commit cycle; BENCHMARKS.md, "issue-pipeline").
         */
        private final CountDownLatch settled = new CountDownLatch(1);

        Pending(IssuedCertificate certificate, String actor) {
            this.certificate = certificate;
            this.actor = actor;
        }

        void settle() {
            settled.countDown();
        }

        /** Waits for the outcome; an interrupt does not end the wait (the record commits or fails either way). */
        void awaitSettled() {
            boolean interrupted = false;
            while (true) {
                try {
                    settled.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A caller's notice that it is building a certificate and will commit it (or withdraw). Before
     * a commit starts, the commit thread waits — at most as long as the last commit took, and at
     * most {@link #MAX_SIBLING_WAIT_NANOS} — for announced siblings to queue, so they share its
     * fsync instead of each paying one (PostgreSQL's {@code commit_delay}/{@code commit_siblings}
     * idea). With no sibling announced (a lone request) nobody waits; nor when more records are
     * queued than siblings announced: the batch is worth its fsync already, and under load (many
     * requests in flight, a few always building) waiting would only leave the CPUs idle while
     * the queue waits for the disk.
     */
    final class Ticket {
        private boolean open = true; // guarded by lock

        /** As {@link IssuanceCommitter#commit}, for the announced record. */
        void commit(IssuedCertificate certificate, String actor) throws StoreException {
            IssuanceCommitter.this.commit(this, certificate, actor);
        }

        /** No record will come (refused, or failed before the commit); a no-op once committed. */
        void withdraw() {
            lock.lock();
            try {
                close();
            } finally {
                lock.unlock();
            }
        }

        private void close() {
            if (open) {
                open = false;
                announced--;
                arrived.signal();
            }
        }
    }

    /** Announces a record to come: call it before the work that produces the record. */
    Ticket announce() {
        lock.lock();
        try {
            announced++;
            return new Ticket();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records {@code certificate} durably, possibly in one transaction with other callers' records.
     *
     * @throws StoreException the record is not stored: {@code CONFLICT} for this record itself, or
     *         the batch's error ({@code UNAVAILABLE}, {@code CORRUPT}; {@code UNAVAILABLE} once closed)
     */
    void commit(IssuedCertificate certificate, String actor) throws StoreException {
        commit(null, certificate, actor);
    }

    private void commit(Ticket ticket, IssuedCertificate certificate, String actor) throws StoreException {
        Pending mine = new Pending(certificate, actor);
        lock.lock();
        try {
            if (ticket != null) {
                ticket.close();
            }
            if (closed) {
                throw new StoreException(StoreException.Kind.UNAVAILABLE, "the authority is closed: nothing recorded");
            }
            if (thread == null) {
                thread = Thread.ofPlatform().name(THREAD_NAME).daemon().start(this::run);
            }
            queue.add(mine);
            arrived.signal(); // only the commit thread waits on it
        } finally {
            lock.unlock();
        }
        mine.awaitSettled(); // once queued, the record may be committed: wait for the outcome
        if (!mine.stored) {
            if (mine.failure instanceof StoreException e) {
                throw e;
            }
            throw new IllegalStateException("the store failed while recording certificates: " + mine.failure, mine.failure);
        }
    }

    /** The commit thread: takes what is queued, commits it, reports; until closed and drained. */
    private void run() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    arrived.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed, and everything offered is committed
                }
                if (lastBatch >= BUSY_BATCH) {
                    gatherUnderLoad();
                } else {
                    awaitAnnouncedSiblings();
                }
                batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
                while (!queue.isEmpty() && batch.size() < maxBatch) {
                    batch.add(queue.poll());
                }
            } finally {
                lock.unlock();
            }
            long started = System.nanoTime();
            lastBatch = batch.size();
            lastCommitStarted = started;
            try {
                write(batch);
                lastCommitNanos = System.nanoTime() - started;
            } catch (RuntimeException | Error e) {
                // A bug or an exhausted JVM: nobody in this batch may be told their record is stored.
                for (Pending p : batch) {
                    if (!p.stored) {
                        p.failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                }
            } finally {
                for (Pending p : batch) {
                    if (!p.stored && p.failure == null) {
                        p.failure = new StoreException(StoreException.Kind.UNAVAILABLE, "not recorded");
                    }
                    p.settle();
                }
            }
        }
    }

    /** Waits (lock held) for announced siblings: see {@link Ticket}. */
    private void awaitAnnouncedSiblings() {
        long wait = Math.min(lastCommitNanos, maxSiblingWaitNanos);
        while (announced > 0 && queue.size() <= announced && queue.size() < maxBatch && wait > 0 && !closed) {
            try {
                wait = arrived.awaitNanos(wait);
            } catch (InterruptedException e) {
                return; // nobody interrupts this thread but the JVM's end: commit what is here
            }
        }
    }

    /** Waits (lock held) until the busy interval since the last commit started is over, or a full batch is queued. */
    private void gatherUnderLoad() {
        long wait = lastCommitStarted + busyIntervalNanos - System.nanoTime();
        int full = Math.min(BUSY_FULL, maxBatch);
        while (queue.size() < full && wait > 0 && !closed) {
            try {
                wait = arrived.awaitNanos(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the commit thread runs (for tests: it starts with the first record, ends at close). */
    boolean threadAlive() {
        lock.lock();
        try {
            return thread != null && thread.isAlive();
        } finally {
            lock.unlock();
        }
    }

    /** Commits what is queued, then stops the commit thread; later records are refused. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            arrived.signal();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Committed issuance transactions and the records they held, since this committer was made. */
    Authority.CommitStats stats() {
        return new Authority.CommitStats(transactions.sum(), records.sum());
    }

    /**
     * Writes a batch, setting each record's outcome: {@code stored} means durably committed.
     * Called on the commit thread without the lock; outcomes are published under it afterwards.
     */
    private void write(List<Pending> batch) {
        Map<String, List<Pending>> byActor = new LinkedHashMap<>();
        for (Pending p : batch) {
            byActor.computeIfAbsent(p.actor, a -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<Pending>> group : byActor.entrySet()) {
            List<Pending> ps = group.getValue();
            try {
                if (ps.size() == 1) {
                    store.recordIssuance(ps.get(0).certificate, group.getKey());
                } else {
                    store.recordIssuances(ps.stream().map(p -> p.certificate).toList(), group.getKey());
                }
                ps.forEach(p -> p.stored = true);
                transactions.increment();
                records.add(ps.size());
            } catch (StoreException e) {
                if (e.kind() == StoreException.Kind.CONFLICT && ps.size() > 1) {
                    for (Pending p : ps) { // isolate the refused record: all-or-none refused them all
                        try {
                            store.recordIssuance(p.certificate, group.getKey());
                            p.stored = true;
                            transactions.increment();
                            records.increment();
                        } catch (StoreException single) {
                            p.failure = single;
                        }
                    }
                } else {
                    ps.forEach(p -> p.failure = e);
                }
            }
        }
    }
}
