package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StoreLocks} on PostgreSQL: session-level advisory locks ({@code pg_try_advisory_lock} on a
 * 64-bit key) taken on one connection of this process kept for them alone (auto-commit, outside the
 * store's pool, so a held lock costs no pooled connection and no open transaction). The server
 * releases them if this process dies. If that connection breaks, its locks are gone with it: the
 * connection is dropped and a new one made for the next lock; work still under a lost lock ends
 * with its own compare-and-set (an ACME order is changed only from the version it read).
 */
final class PostgresLocks {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresLocks.class);
    private final HikariDataSource pool;
    private final PostgresDialect dialect;
    private final LockKeys keys = new LockKeys();
    private Connection connection;

    /** @param pool a pool of one auto-commit connection, used for nothing else */
    PostgresLocks(HikariDataSource pool, PostgresDialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    Optional<StoreLocks.HeldLock> tryLock(String name) throws StoreException {
        long key = LockKeys.key(name);
        if (!keys.claim(key)) {
            return Optional.empty();
        }
        boolean taken = false;
        try {
            taken = call("SELECT pg_try_advisory_lock(?)", key);
        } finally {
            if (!taken) {
                keys.release(key);
            }
        }
        if (!taken) {
            return Optional.empty();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return Optional.of(() -> {
            if (open.compareAndSet(true, false)) {
                try {
                    call("SELECT pg_advisory_unlock(?)", key);
                } catch (StoreException e) {
                    LOG.warn("lock '{}' not released cleanly ({}): its connection is dropped, which releases it", name,
                            e.getMessage());
                } finally {
                    keys.release(key);
                }
            }
        });
    }

    private synchronized boolean call(String sql, long key) throws StoreException {
        try {
            if (connection == null) {
                connection = pool.getConnection();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement q = connection.prepareStatement(sql)) {
                q.setLong(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            drop();
            throw dialect.translate(e);
        }
    }

    private void drop() {
        if (connection != null) {
            pool.evictConnection(connection);
            connection = null;
        }
    }

    synchronized void close() {
        if (connection != null) {
            try (java.sql.Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_unlock_all()"); // now, not when the server notices the session ended
            } catch (SQLException e) {
                LOG.debug("releasing the advisory locks: {}", e.getMessage());
            }
            try {
                connection.close(); // back to its pool, which closes it
            } catch (SQLException e) {
                LOG.debug("closing the lock connection: {}", e.getMessage());
            }
            connection = null;
        }
        pool.close();
    }
}
