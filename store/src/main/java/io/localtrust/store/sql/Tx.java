package io.localtrust.store.sql;

import io.localtrust.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One transaction in progress: its connection, and for a write the store revision it makes.
 * A write that finds nothing to change calls {@link #discard()}: it is rolled back, so the
 * revision does not grow.
 */
final class Tx {
    private final Connection connection;
    private final Dialect dialect;
    private long revision;
    private boolean claimed;
    private boolean discarded;

    Tx(Connection connection, Dialect dialect, long revision) {
        this.connection = connection;
        this.dialect = dialect;
        this.revision = revision;
    }

    Connection connection() {
        return connection;
    }

    /** Inserts many rows into {@code table} in this transaction, the backend's fastest way ({@link Dialect#insertRows}). */
    void insertRows(String table, List<String> columns, List<Object[]> rows) throws SQLException {
        dialect.insertRows(connection, table, columns, rows);
    }

    /**
     * A revision number for one new row, to order rows by when they were written: the revision this
     * write commits for the first row, and a further bump of the revision for each row after it
     * (so a batch of certificates gets distinct, increasing numbers).
     */
    long claimRevision() throws SQLException, StoreException {
        if (revision < 0) {
            throw new IllegalStateException("a read transaction has no revision");
        }
        if (claimed) {
            revision = Database.bumpRevision(connection);
        }
        claimed = true;
        return revision;
    }

    /**
     * {@code n} revision numbers at once, for {@code n} new rows: the first is returned, the others
     * follow it without a gap, as {@code n} calls of {@link #claimRevision()} would give them, for
     * one revision bump (one statement) instead of {@code n - 1}.
     */
    long claimRevisions(int n) throws SQLException, StoreException {
        if (n < 1) {
            throw new IllegalArgumentException("n < 1");
        }
        if (revision < 0) {
            throw new IllegalStateException("a read transaction has no revision");
        }
        int more = claimed ? n : n - 1;
        if (more > 0) {
            revision = Database.bumpRevision(connection, more);
        }
        claimed = true;
        return revision - n + 1;
    }

    /** The last revision this write has made so far (its own, or the last one it claimed). */
    long revision() {
        return revision;
    }

    void discard() {
        discarded = true;
    }

    boolean discarded() {
        return discarded;
    }

    /** The body of a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException, StoreException;
    }
}
