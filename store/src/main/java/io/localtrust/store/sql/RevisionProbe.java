package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads the store revision before every cached device read ({@link DeviceReads}): one statement,
 * prepared once on one connection kept for it (auto-commit, so each read is its own snapshot and
 * no transaction stays open), instead of a pool checkout and a {@code sqlite3_prepare} per read.
 * Callers take turns; the read is a single row. A failed read drops the connection, and the next
 * read takes a new one from the pool.
 */
final class RevisionProbe implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection; // guarded by lock
    private PreparedStatement query; // guarded by lock
    private boolean closed; // guarded by lock

    RevisionProbe(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    long read() throws StoreException {
        lock.lock();
        try {
            if (closed) {
                throw new StoreException(Kind.UNAVAILABLE, "the store is closed");
            }
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
            drop();
        } finally {
            lock.unlock();
        }
    }
}
