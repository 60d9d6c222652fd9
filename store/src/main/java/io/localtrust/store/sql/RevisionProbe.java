package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads the store revision before every cached device read ({@link DeviceReads}): one statement,
 * prepared once on one connection kept for it (auto-commit, so each read is its own snapshot and
 * no transaction stays open), instead of a pool checkout and a {@code sqlite3_prepare} per read.
 * A failed read drops the connection, and the next read takes a new one from the pool.
 *
 * <p><b>Concurrent callers share reads.</b> One read runs at a time. A caller's answer must see every
 * write committed before it called, so it may take the answer of any read that <em>started</em> after
 * it arrived — not of the one already running when it came, which may have read too early. So a
 * caller arriving while read n runs waits for it to end, and then all who arrived during n share read
 * n + 1, run by the first of them to wake. Under load (an issuance makes two cached reads, many
 * issuances in flight) that is one statement per batch of callers instead of one each, each waiting
 * in line: on PostgreSQL a round trip each. Callers who shared a read that failed get its error, as if
 * each had read.
 */
final class RevisionProbe implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ended = lock.newCondition();
    private Connection connection; // used only by the reader of the read running (running == true)
    private PreparedStatement query; // the same
    private boolean closed; // guarded by lock
    private boolean running; // guarded by lock
    private long started; // guarded by lock: reads started so far; read n is the n-th
    private long lastEnded; // guarded by lock: the number of the last read that ended
    private long lastRevision; // guarded by lock: its answer, when it succeeded
    private StoreException lastFailure; // guarded by lock: its error, when it failed
    private long statements; // guarded by lock: statements run, for tests

    RevisionProbe(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    long read() throws StoreException {
        long mine;
        lock.lock();
        try {
            // reads numbered above `arrival` start after this call began: any of them answers it
            long arrival = started;
            while (true) {
                if (closed) {
                    throw new StoreException(Kind.UNAVAILABLE, "the store is closed");
                }
                if (lastEnded > arrival) {
                    if (lastFailure != null) {
                        throw lastFailure;
                    }
                    return lastRevision;
                }
                if (!running) {
                    break;
                }
                ended.awaitUninterruptibly();
            }
            running = true;
            mine = ++started;
            statements++;
        } finally {
            lock.unlock();
        }
        long revision = 0;
        StoreException failure = null;
        try {
            revision = query();
        } catch (StoreException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new StoreException(Kind.UNAVAILABLE, "reading the store revision failed: " + e, e);
        }
        lock.lock();
        try {
            running = false;
            lastEnded = mine;
            lastRevision = revision;
            lastFailure = failure;
            if (closed) {
                drop();
            }
            ended.signalAll();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
        return revision;
    }

    /** Runs the statement; only the reader of the read running calls it. */
    private long query() throws StoreException {
        try {
            if (query == null) {
                connection = pool.getConnection();
                connection.setAutoCommit(true);
                query = connection.prepareStatement("SELECT revision FROM store_meta WHERE id = 1");
            }
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(Kind.CORRUPT, "the store's metadata row is missing");
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            drop();
            throw dialect.translate(e);
        }
    }

    /** Statements run so far (fewer than calls when callers shared reads). */
    long statements() {
        lock.lock();
        try {
            return statements;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the connection back to the pool, which closes it (its state is the probe's own). */
    private void drop() {
        Connection c = connection;
        connection = null;
        query = null;
        if (c != null) {
            pool.evictConnection(c);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (!running) {
                drop(); // else the reader drops it when its read ends
            }
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
