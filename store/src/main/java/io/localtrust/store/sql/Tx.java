package io.localtrust.store.sql;

import io.localtrust.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction in progress: its connection, and for a write the store revision it makes.
 * A write that finds nothing to change calls {@link #discard()}: it is rolled back, so the
 * revision does not grow.
 */
final class Tx {
    private final Connection connection;
    private long revision;
    private boolean claimed;
    private boolean discarded;

    Tx(Connection connection, long revision) {
        this.connection = connection;
        this.revision = revision;
    }

    Connection connection() {
        return connection;
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
