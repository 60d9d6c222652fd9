package io.localtrust.authority;

import io.localtrust.store.CertificateStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.StoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for issuance: concurrent callers' records are written in ONE durable
 * {@link CertificateStore#recordIssuances} transaction (one fsync for the lot) instead of one each.
 *
 * <p>No thread of its own (leader/follower): a caller queues its record; if no commit is running
 * it becomes the leader, takes everything queued and commits it; otherwise it waits, and when the
 * running commit ends it either finds its record committed (or failed) by that leader, or becomes
 * the next leader. A lone caller therefore commits at once — no timer, no added latency when idle
 * — and the callers that queue while one fsync runs share the next one. Callers that
 * {@linkplain #announce() announce} their record before building it are also waited for, briefly,
 * by a leader about to commit (see {@link Ticket}): with two callers that alternate, this is what
 * makes them share commits at all.
 *
 * <p>{@link #commit} returns only after the caller's record is durably committed, and throws
 * otherwise; a record is never reported committed if its transaction did not commit. Failure:
 * a batch is all-or-none, so when it is refused with {@code CONFLICT} (one bad record — a serial
 * or a key the store will not take) each record of that batch is retried in its own transaction,
 * so that the bad one fails alone and the others are stored. Any other failure
 * ({@code UNAVAILABLE}: closed store, full disk, lost connection; {@code CORRUPT}) fails every
 * caller of the batch with that error, nothing retried.
 *
 * <p>The store's batch call takes one actor, so a batch is split by actor (normally there is one:
 * a front end's actor).
 */
final class IssuanceCommitter {
    private final CertificateStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean committing;
    /** Callers that announced a record (a {@link Ticket}) and have neither queued it nor withdrawn. */
    private int announced;
    private final int maxBatch;
    /**
     * How long the last commit took: the most a leader waits for announced siblings. Under steady
     * load some sibling is nearly always announced, so a leader then waits up to this long: at most
     * one commit's time of added latency, for batches that cost one fsync instead of many.
     */
    private volatile long lastCommitNanos = TimeUnit.MILLISECONDS.toNanos(1);
    static final long MAX_SIBLING_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final long maxSiblingWaitNanos;
    private final LongAdder transactions = new LongAdder();
    private final LongAdder records = new LongAdder();

    IssuanceCommitter(CertificateStore store) {
        this(store, 256, MAX_SIBLING_WAIT_NANOS);
    }

    IssuanceCommitter(CertificateStore store, int maxBatch, long maxSiblingWaitNanos) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch < 1");
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.maxSiblingWaitNanos = maxSiblingWaitNanos;
    }

    /** One caller's record, and how its commit ended (guarded by {@code lock}). */
    private static final class Pending {
        final IssuedCertificate certificate;
        final String actor;
        /** Set by the leader without the lock; read by others only after {@code done}. */
        boolean stored;
        StoreException failure;
        /** Published under the lock once the outcome is known. */
        boolean done;

        Pending(IssuedCertificate certificate, String actor) {
            this.certificate = certificate;
            this.actor = actor;
        }
    }

    /**
     * A caller's notice that it is building a certificate and will commit it (or withdraw). A leader
     * about to commit waits — at most as long as the last commit took, and at most
     * {@link #MAX_SIBLING_WAIT_NANOS} — for announced siblings to queue, so they share its fsync
     * instead of each paying one (PostgreSQL's {@code commit_delay}/{@code commit_siblings} idea).
     * With no sibling announced (a lone request) nobody waits.
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
                arrived.signalAll();
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
     *         the batch's error ({@code UNAVAILABLE}, {@code CORRUPT})
     */
    void commit(IssuedCertificate certificate, String actor) throws StoreException {
        commit(null, certificate, actor);
    }

    private void commit(Ticket ticket, IssuedCertificate certificate, String actor) throws StoreException {
        Pending mine = new Pending(certificate, actor);
        List<Pending> batch;
        lock.lock();
        try {
            if (ticket != null) {
                ticket.close();
            }
            queue.add(mine);
            arrived.signalAll();
            while (committing && !mine.done) {
                committed.awaitUninterruptibly(); // once queued, the record may be committed: wait for the outcome
            }
            if (mine.done) {
                outcome(mine);
                return;
            }
            committing = true;
            long wait = Math.min(lastCommitNanos, maxSiblingWaitNanos);
            while (announced > 0 && queue.size() < maxBatch && wait > 0) {
                try {
                    wait = arrived.awaitNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
        } finally {
            lock.unlock();
        }
        long started = System.nanoTime();
        try {
            write(batch);
            lastCommitNanos = System.nanoTime() - started;
        } catch (RuntimeException | Error e) {
            // A bug or an exhausted JVM: nobody in this batch may be told their record is stored.
            StoreException failure = new StoreException(StoreException.Kind.UNAVAILABLE,
                    "the store failed while recording certificates: " + e, e);
            for (Pending p : batch) {
                if (!p.stored) {
                    p.failure = failure;
                }
            }
            throw e;
        } finally {
            lock.lock();
            try {
                for (Pending p : batch) {
                    if (!p.stored && p.failure == null) {
                        p.failure = new StoreException(StoreException.Kind.UNAVAILABLE, "not recorded");
                    }
                    p.done = true;
                }
                committing = false;
                committed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        outcome(mine);
    }

    /** Committed issuance transactions and the records they held, since this committer was made. */
    Authority.CommitStats stats() {
        return new Authority.CommitStats(transactions.sum(), records.sum());
    }

    private static void outcome(Pending p) throws StoreException {
        if (!p.stored) {
            throw p.failure;
        }
    }

    /**
     * Writes a batch, setting each record's outcome: {@code stored} means durably committed.
     * Called without the lock; outcomes are published under it by the caller.
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
