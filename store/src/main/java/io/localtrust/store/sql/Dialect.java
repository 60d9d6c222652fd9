package io.localtrust.store.sql;

import io.localtrust.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the backends once the schema is the same: how a transaction starts and
 * ends, how writers are serialised, and what an error means for the user.
 */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** Flyway location of the backend's own migrations (the append-only triggers). */
    String migrationFolder();

    /** The column type for bytes: the {@code ${bytes}} placeholder of the migrations. */
    String bytesType();

    /**
     * Starts a transaction that will write. When it returns, this connection is the only writer of
     * the store (in this process and in any other), so reading then writing the chain head is safe.
     */
    void beginWrite(Connection c) throws SQLException;

    /** Starts a read-only transaction that sees one consistent snapshot. */
    void beginRead(Connection c) throws SQLException;

    void commit(Connection c) throws SQLException;

    void rollback(Connection c) throws SQLException;

    /**
     * Settings for the one connection the store's writer thread keeps for its transactions (made
     * once per connection, before its first write).
     */
    void writerOpened(Connection c) throws SQLException;

    /**
     * Inserts {@code rows} — one value per column, in column order, of the types {@link Sql} binds —
     * into {@code table} in the transaction of {@code c}, as one INSERT per row would: all of them
     * or, with an exception, none. For the rows a write makes by the hundred (certificates and
     * their audit entries in a group commit).
     */
    void insertRows(Connection c, String table, List<String> columns, List<Object[]> rows) throws SQLException;

    /** Releases what {@link #beginWrite} took in this process, whatever happened. */
    void endWrite();

    /** A one-line, user-facing error for a database failure: no SQL, no credentials. */
    StoreException translate(SQLException e);
}
