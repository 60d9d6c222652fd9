package io.localtrust.store.sql;

import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL: connections run with auto-commit off at READ COMMITTED. Every write transaction
 * starts by updating the single {@code store_meta} row (the revision bump), which row-locks it
 * until commit: writers from every gateway and CLI process are serialised there, so the audit
 * chain head read after it is always the latest. Reads are REPEATABLE READ, READ ONLY: one
 * snapshot, never a serialisation failure.
 */
final class PostgresDialect implements Dialect {
    private final String where;

    /** @param where "PostgreSQL //host:port/db", for messages */
    PostgresDialect(String where) {
        this.where = where;
    }

    @Override
    public String migrationFolder() {
        return "postgresql";
    }

    @Override
    public String bytesType() {
        return "BYTEA";
    }

    @Override
    public void beginWrite(Connection c) {
        // the first statement opens the transaction; the revision bump takes the writers' lock
    }

    @Override
    public void beginRead(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    @Override
    public void commit(Connection c) throws SQLException {
        c.commit();
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        c.rollback();
    }

    @Override
    public void writerOpened(Connection c) {
        // nothing: the server keeps its own buffers
    }

    /** COPY in the binary format ({@link PgCopy}): one statement, and the server inserts the rows as a batch. */
    @Override
    public void insertRows(Connection c, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        PgCopy.copyIn(c, table, columns, rows);
    }

    @Override
    public void endWrite() {
        // nothing held in this process
    }

    @Override
    public StoreException translate(SQLException e) {
        return translate(e, where);
    }

    /** Maps the SQLSTATE (PostgreSQL appendix A); never the server's text, which may quote SQL. */
    static StoreException translate(SQLException e, String where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String cls = state.length() >= 2 ? state.substring(0, 2) : "";
        return switch (cls) {
            case "23" -> new StoreException(Kind.CONFLICT, "the write conflicts with a record already in " + where, e);
            case "28" -> new StoreException(Kind.UNAVAILABLE, "cannot log in to " + where + ": authentication failed", e);
            case "08" -> new StoreException(Kind.UNAVAILABLE, "cannot connect to " + where, e);
            case "3D" -> new StoreException(Kind.UNAVAILABLE, "cannot open " + where + ": no such database", e);
            case "42" -> state.equals("42501")
                    ? new StoreException(Kind.UNAVAILABLE, "cannot use " + where + ": permission denied", e)
                    : new StoreException(Kind.CORRUPT, where + " does not hold the schema this localtrust expects", e);
            case "53" -> state.equals("53100")
                    ? new StoreException(Kind.UNAVAILABLE, "disk full on the server of " + where, e)
                    : new StoreException(Kind.UNAVAILABLE, where + " is out of resources (SQLSTATE " + state + ")", e);
            case "57" -> new StoreException(Kind.UNAVAILABLE, where + " is shutting down or cancelled the operation", e);
            case "58", "XX" -> new StoreException(Kind.UNAVAILABLE, "I/O or internal error on the server of " + where, e);
            default -> new StoreException(Kind.UNAVAILABLE, "database error on " + where
                    + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), e);
        };
    }
}
