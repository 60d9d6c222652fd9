package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection pool and the transaction discipline every store operation goes through: a read
 * sees one snapshot; a write bumps the store revision first, runs, and commits durably or leaves
 * nothing behind.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final AtomicLong commits = new AtomicLong();

    Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T read(Tx.Work<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            dialect.beginRead(c);
            try {
                return work.run(new Tx(c, -1));
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
     * statements fewer than {@link #read} on SQLite; for reads on every issuance.
     */
    <T> T readStatement(Tx.Work<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            try {
                return work.run(new Tx(c, -1));
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
     * Runs {@code work} in one write transaction. The revision bump comes first: on PostgreSQL it is
     * also the lock that serialises writers across processes.
     */
    <T> T write(Tx.Work<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            boolean open = false;
            try {
                dialect.beginWrite(c);
                open = true;
                Tx tx = new Tx(c, bumpRevision(c));
                T result = work.run(tx);
                if (tx.discarded()) {
                    dialect.rollback(c);
                } else {
                    dialect.commit(c);
                    commits.incrementAndGet();
                }
                open = false;
                return result;
            } finally {
                if (open) {
                    endQuietly(c);
                }
                dialect.endWrite();
            }
        } catch (SQLException e) {
            throw dialect.translate(e);
        }
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
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE store_meta SET revision = revision + ? WHERE id = 1 RETURNING revision")) {
            up.setLong(1, by);
            try (ResultSet rs = up.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(Kind.CORRUPT, "the store's metadata row is missing");
                }
                return rs.getLong(1);
            }
        }
    }

    static long revision(Connection c) throws SQLException, StoreException {
        try (PreparedStatement q = c.prepareStatement("SELECT revision FROM store_meta WHERE id = 1");
             ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException(Kind.CORRUPT, "the store's metadata row is missing");
            }
            return rs.getLong(1);
        }
    }

    /**
     * Ends a transaction that did not commit. If even that fails (SQLite may already have rolled
     * back after a full disk), the connection is dropped from the pool rather than reused with an
     * unknown state.
     */
    private void endQuietly(Connection c) {
        try {
            dialect.rollback(c);
        } catch (SQLException e) {
            pool.evictConnection(c);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
