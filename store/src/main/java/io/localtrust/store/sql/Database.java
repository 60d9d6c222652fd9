package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection pool and the transaction discipline every store operation goes through: a read
 * sees one snapshot; a write bumps the store revision first, runs, and commits durably or leaves
 * nothing behind. Writes are group-committed ({@link GroupCommit}): concurrent writes share one
 * transaction, each in its own savepoint, and one durable commit.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final GroupCommit writes = new GroupCommit(this::writeBatch);
    private final AtomicLong commits = new AtomicLong();
    private final DeviceReads deviceReads = new DeviceReads();
    private final RevisionProbe revisionProbe;

    private final AfterCommit afterCommit;
    /** The writer thread's connection, kept between batches (its page cache stays warm); null until the first. */
    private Connection writer;

    /** Told on the writer thread after each committed transaction; closed with the store, before the pool. */
    interface AfterCommit extends AutoCloseable {
        AfterCommit NONE = new AfterCommit() {
            @Override
            public void committed() {
            }

            @Override
            public void close() {
            }
        };

        void committed();

        @Override
        void close();
    }

    Database(HikariDataSource pool, Dialect dialect) {
        this(pool, dialect, AfterCommit.NONE);
    }

    Database(HikariDataSource pool, Dialect dialect, AfterCommit afterCommit) {
        this.pool = pool;
        this.dialect = dialect;
        this.afterCommit = afterCommit;
        this.revisionProbe = new RevisionProbe(pool, dialect);
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T read(Tx.Work<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            dialect.beginRead(c);
            try {
                return work.run(new Tx(c, dialect, -1));
            } finally {
                endQuietly(c);
            }
        } catch (SQLException e) {
            throw dialect.translate(e);
        }
    }

    /**
     * A read that is ONE statement: it is its own snapshot, so no transaction is opened around it —
     * SQLite in auto-commit runs each statement as its own read transaction, and PostgreSQL at READ
     * COMMITTED gives a statement one snapshot (the transaction it opens is ended after it). Two
     * statements fewer than {@link #read} on SQLite; for every read that is one statement (the ACME
     * front end makes several per request).
     */
    <T> T readStatement(Tx.Work<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            try {
                return work.run(new Tx(c, dialect, -1));
            } finally {
                if (!c.getAutoCommit()) {
                    endQuietly(c);
                }
            }
        } catch (SQLException e) {
            throw dialect.translate(e);
        }
    }

    /**
     * Runs {@code work} as one write: it sees the writes committed before it, bumps the revision
     * (the work's own, even when it shares a transaction), and returns once it is durably committed.
     * If it throws, or {@link Tx#discard() discards} itself, nothing it wrote is kept (and the
     * revision does not move); if the commit fails, it throws. On PostgreSQL the first revision bump
     * of a transaction is also the lock that serialises writers across processes.
     */
    <T> T write(Tx.Work<T> work) throws StoreException {
        return writes.write(work, true);
    }

    /**
     * {@link #write}, for a work that changes no device, device identity or name binding (it writes
     * certificates, their status, the audit log, ACME documents): committing it keeps the cached
     * device reads ({@link DeviceReads}).
     */
    <T> T writeLeavingDevices(Tx.Work<T> work) throws StoreException {
        return writes.write(work, false);
    }

    /** The cached device and name reads, and the generation valid now (one statement: the revision). */
    DeviceReads deviceReads() {
        return deviceReads;
    }

    long deviceReadsGeneration() throws StoreException {
        return deviceReads.validate(revisionProbe.read());
    }

    /** For tests: the revision reads behind {@link #deviceReadsGeneration}. */
    RevisionProbe revisionProbe() {
        return revisionProbe;
    }

    /** For tests: the group commit behind {@link #write}. */
    GroupCommit writes() {
        return writes;
    }

    /** One transaction for {@code batch}, on the writer thread: each work in a savepoint, one commit. */
    private void writeBatch(List<GroupCommit.Pending<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        Kept kept = new Kept();
        StoreException lost;
        try {
            Connection c = writerConnection();
            boolean open = false;
            try {
                dialect.beginWrite(c);
                open = true;
                for (GroupCommit.Pending<?> p : batch) {
                    results.add(runInSavepoint(c, p, kept));
                }
                if (kept.count > 0) {
                    deviceReads.committing(kept.first, kept.last, kept.changedDevices);
                }
                boolean done = false;
                try {
                    dialect.commit(c);
                    done = true;
                } finally {
                    if (!done) {
                        deviceReads.unknown(); // perhaps committed after all, perhaps not: trust nothing cached
                    }
                }
                open = false;
                // before any caller returns: it may look at commits() or read a device next
                commits.addAndGet(kept.count);
                if (kept.count > 0) {
                    deviceReads.committed(kept.first, kept.last, kept.changedDevices);
                }
            } finally {
                if (open && !rollbackQuietly(c)) {
                    dropWriter(); // unknown state: the next batch takes a new connection
                }
                dialect.endWrite();
            }
            for (int i = 0; i < batch.size(); i++) {
                Object r = results.get(i);
                if (r instanceof Failed f) {
                    batch.get(i).fail(f.cause());
                } else {
                    batch.get(i).succeed(r);
                }
            }
            afterCommit.committed();
            return;
        } catch (SQLException e) {
            lost = dialect.translate(e);
        } catch (BatchLost e) {
            lost = e.cause;
        }
        dropWriter(); // its state after a failed transaction is not worth trusting: the next batch takes a new one
        deviceReads.unknown(); // nothing of the batch was committed; trust no cached read either way
        for (GroupCommit.Pending<?> p : batch) {
            p.fail(lost); // nothing of the batch was committed
        }
    }

    /** The writer thread's connection: taken from the pool once and kept, set up by {@link Dialect#writerOpened}. */
    private Connection writerConnection() throws SQLException {
        if (writer == null) {
            Connection c = pool.getConnection();
            try {
                dialect.writerOpened(c);
            } catch (SQLException | RuntimeException e) {
                pool.evictConnection(c);
                throw e;
            }
            writer = c;
        }
        return writer;
    }

    /** Closes the writer's connection (the pool makes another when one is next needed). */
    private void dropWriter() {
        Connection c = writer;
        writer = null;
        if (c != null) {
            pool.evictConnection(c);
        }
    }

    /** A work that failed inside the batch; what it wrote was rolled back to its savepoint. */
    private record Failed(Throwable cause) {
    }

    /** The transaction cannot go on (its savepoint could not be restored): every write of the batch fails with this. */
    private static final class BatchLost extends Exception {
        private final StoreException cause;

        BatchLost(StoreException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    /** The works of a batch that stay: how many, the revisions they made, whether one may have changed a device. */
    private static final class Kept {
        int count;
        long first;
        long last;
        boolean changedDevices;

        void add(long from, long to, boolean devices) {
            if (count++ == 0) {
                first = from;
            }
            last = to;
            changedDevices |= devices;
        }
    }

    /** Runs one work in its savepoint; counts it in {@code kept} when it stays (neither failed nor discarded). */
    private Object runInSavepoint(Connection c, GroupCommit.Pending<?> p, Kept kept) throws SQLException, BatchLost {
        Sql.exec(c, "SAVEPOINT w");
        Throwable failure;
        try {
            long revision = bumpRevision(c);
            Tx tx = new Tx(c, dialect, revision);
            Object result = p.work.run(tx);
            if (tx.discarded()) {
                Sql.exec(c, "ROLLBACK TO SAVEPOINT w");
            } else {
                kept.add(revision, tx.revision(), p.changesDevices);
            }
            Sql.exec(c, "RELEASE SAVEPOINT w");
            return result;
        } catch (SQLException e) {
            failure = dialect.translate(e);
        } catch (StoreException | RuntimeException e) {
            failure = e;
        }
        try {
            Sql.exec(c, "ROLLBACK TO SAVEPOINT w");
            Sql.exec(c, "RELEASE SAVEPOINT w");
        } catch (SQLException undo) {
            // e.g. SQLite already rolled the whole transaction back after a full disk
            throw new BatchLost(failure instanceof StoreException s ? s : dialect.translate(undo));
        }
        return new Failed(failure);
    }

    /** Write transactions committed through this object (rolled-back and discarded ones not counted). */
    long commits() {
        return commits.get();
    }

    /** Bumps the revision and returns the new value (one round trip: both backends have RETURNING). */
    static long bumpRevision(Connection c) throws SQLException, StoreException {
        return bumpRevision(c, 1);
    }

    /** Adds {@code by} to the revision and returns the new value. */
    static long bumpRevision(Connection c, int by) throws SQLException, StoreException {
        Optional<Long> revision = Sql.one(c, "UPDATE store_meta SET revision = revision + ? WHERE id = 1 RETURNING revision",
                rs -> rs.getLong(1), (long) by);
        return revision.orElseThrow(() -> new StoreException(Kind.CORRUPT, "the store's metadata row is missing"));
    }

    static long revision(Connection c) throws SQLException, StoreException {
        return Sql.one(c, "SELECT revision FROM store_meta WHERE id = 1", rs -> rs.getLong(1))
                .orElseThrow(() -> new StoreException(Kind.CORRUPT, "the store's metadata row is missing"));
    }

    /**
     * Ends a transaction that did not commit. If even that fails (SQLite may already have rolled
     * back after a full disk), the connection is dropped from the pool rather than reused with an
     * unknown state.
     */
    private void endQuietly(Connection c) {
        if (!rollbackQuietly(c)) {
            pool.evictConnection(c);
        }
    }

    /** Rolls back; false if even that failed (SQLite may already have rolled back after a full disk). */
    private boolean rollbackQuietly(Connection c) {
        try {
            dialect.rollback(c);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Commits the writes already handed over, then closes the pool. */
    @Override
    public void close() {
        writes.close(); // the writer thread has ended: its connection is free to close
        dropWriter();
        afterCommit.close();
        revisionProbe.close();
        pool.close();
    }
}
