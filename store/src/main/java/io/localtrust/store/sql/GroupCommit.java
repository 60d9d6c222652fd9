package io.localtrust.store.sql;

import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for every write of a store: callers hand their {@link Tx.Work} to ONE platform
 * thread ({@code localtrust-store-writer}), which runs whatever is queued in one transaction —
 * each work inside its own savepoint, so that a work that fails or discards itself is undone alone —
 * and commits once. A durable commit (an fsync on SQLite with {@code synchronous=FULL}) is then
 * shared by every write that arrived while the previous one was being made: under the ACME load
 * (BENCHMARKS.md, "ACME end to end vs pebble") a certificate took eleven write transactions, each
 * its own fsync. A caller returns only once its write is committed, or throws if it is not; a lone
 * write commits at once. Writes were serialised before too (SQLite's single writer, PostgreSQL's
 * row lock on the revision); they now also run off the callers' threads, so a virtual thread never
 * pins its carrier in SQLite's native fsync.
 */
final class GroupCommit {
    /** The most writes one transaction takes; more wait for the next. */
    static final int MAX_BATCH = 256;

    /** One caller's write and its outcome. */
    static final class Pending<T> {
        final Tx.Work<T> work;
        /** Whether the work may change a device, its identities or a name binding ({@link DeviceReads}). */
        final boolean changesDevices;
        private final CompletableFuture<T> done = new CompletableFuture<>();

        Pending(Tx.Work<T> work, boolean changesDevices) {
            this.work = work;
            this.changesDevices = changesDevices;
        }

        void succeed(Object value) {
            @SuppressWarnings("unchecked")
            T t = (T) value;
            done.complete(t);
        }

        void fail(Throwable t) {
            done.completeExceptionally(t);
        }
    }

    /** Runs one batch in one transaction and settles every {@link Pending} of it; never throws. */
    interface Batches {
        void run(List<Pending<?>> batch);
    }

    private final Batches batches;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private Thread writer; // guarded by lock
    private boolean closed; // guarded by lock
    private long transactions; // guarded by lock

    GroupCommit(Batches batches) {
        this.batches = batches;
    }

    /**
     * Queues {@code work}, waits until it is committed, and returns its result or throws its failure;
     * {@code changesDevices} when it may change a device, its identities or a name binding.
     */
    <T> T write(Tx.Work<T> work, boolean changesDevices) throws StoreException {
        Pending<T> p = new Pending<>(work, changesDevices);
        lock.lock();
        try {
            if (Thread.currentThread() == writer) {
                throw new IllegalStateException("a store write was started inside a store write");
            }
            if (closed) {
                throw new StoreException(Kind.UNAVAILABLE, "the store is closed");
            }
            queue.add(p);
            if (writer == null) {
                writer = Thread.ofPlatform().name("localtrust-store-writer").daemon().start(this::loop);
            }
            queued.signal();
        } finally {
            lock.unlock();
        }
        return await(p.done);
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed, and everything queued was written
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
                transactions++;
            } finally {
                lock.unlock();
            }
            try {
                batches.run(batch);
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.fail(e)); // a bug in the batch runner: no caller is left waiting
            }
            batch.clear();
        }
    }

    /** For tests: writes waiting for the writer thread. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** For tests: transactions (batches) started so far. */
    long transactions() {
        lock.lock();
        try {
            return transactions;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued, then stops the writer thread; later writes are refused. */
    void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            queued.signal();
            t = writer;
        } finally {
            lock.unlock();
        }
        Joins.uninterruptibly(t);
    }

    /** Waits without giving up on an interrupt: a write that was handed over commits or fails either way. */
    private static <T> T await(CompletableFuture<T> done) throws StoreException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof StoreException s) {
                        throw s;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("a store write failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
