package io.localtrust.store;

import java.util.Optional;

/**
 * Short, named locks shared by every process using the same store: two gateways on one PostgreSQL
 * database (or two processes on one SQLite file) take turns on, say, one ACME order, where a lock
 * inside one process would let both issue. A lock is never waited for: a caller that does not get
 * it knows another thread or process is doing the work and answers accordingly. A process that
 * dies holding a lock releases it (the database session or the file lock ends with it).
 */
public interface StoreLocks {

    /**
     * Takes the lock named {@code name} if no thread of this process and no other process holds it.
     *
     * @return the lock, to close when the work is done; empty when it is held elsewhere
     * @throws StoreException {@code UNAVAILABLE} when the database (or lock file) cannot be reached
     */
    Optional<HeldLock> tryLock(String name) throws StoreException;

    /** A lock taken with {@link #tryLock}; closing it releases it (a second close does nothing). */
    interface HeldLock extends AutoCloseable {
        @Override
        void close();
    }
}
