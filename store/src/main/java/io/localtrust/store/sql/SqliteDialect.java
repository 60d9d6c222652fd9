package io.localtrust.store.sql;

import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite: a write is {@code BEGIN IMMEDIATE}, which takes the database's write lock at once (so two
 * processes never interleave a read-then-write of the audit chain head); another process holding
 * it is waited for up to the busy timeout. Writers of this process queue on a fair lock first, so
 * they do not spin in SQLite's busy handler against each other.
 */
final class SqliteDialect implements Dialect {
    private final Path file;
    private final ReentrantLock writers = new ReentrantLock(true);

    SqliteDialect(Path file) {
        this.file = file;
    }

    @Override
    public String migrationFolder() {
        return "sqlite";
    }

    @Override
    public String bytesType() {
        return "BLOB";
    }

    @Override
    public void beginWrite(Connection c) throws SQLException {
        writers.lock();
        Sql.exec(c, "BEGIN IMMEDIATE");
    }

    @Override
    public void beginRead(Connection c) throws SQLException {
        Sql.exec(c, "BEGIN DEFERRED");
    }

    @Override
    public void commit(Connection c) throws SQLException {
        Sql.exec(c, "COMMIT");
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        Sql.exec(c, "ROLLBACK");
    }

    /**
     * The writer's connection: a page cache of {@value #WRITER_CACHE_KIB} KiB instead of SQLite's
     * 2 MiB, so that the pages a batch changes — above all the device index, where each certificate
     * lands on a page of its own — stay in memory between batches instead of being read back with a
     * system call each (its cache stays valid: this connection makes the store's writes). And its
     * automatic checkpoint only as the backstop of {@link SqliteCheckpointer}.
     */
    @Override
    public void writerOpened(Connection c) throws SQLException {
        Sql.exec(c, "PRAGMA cache_size = -" + WRITER_CACHE_KIB);
        Sql.exec(c, "PRAGMA wal_autocheckpoint = " + SqliteCheckpointer.WRITER_BACKSTOP_PAGES);
    }

    /** The writer connection's page cache, in KiB (an upper bound: pages are taken as used). */
    static final int WRITER_CACHE_KIB = 64 * 1024;

    /** One prepared INSERT run for every row (SQLite runs in process: a statement costs no round trip). */
    @Override
    public void insertRows(Connection c, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        Sql.batch(c, "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")", rows);
    }

    @Override
    public void endWrite() {
        if (writers.isHeldByCurrentThread()) {
            writers.unlock();
        }
    }

    @Override
    public StoreException translate(SQLException e) {
        return translate(e, file);
    }

    /** Maps SQLite's result code; the message names the file and never carries SQL. */
    static StoreException translate(SQLException e, Path file) {
        SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
        int primary = code == null ? -1 : code.code & 0xff;
        return switch (primary) {
            case 13 -> new StoreException(Kind.UNAVAILABLE, "disk full writing " + file, e);
            case 10 -> new StoreException(Kind.UNAVAILABLE, "I/O error on " + file + " (disk or file system failure)", e);
            case 5, 6 -> new StoreException(Kind.UNAVAILABLE, file + " is busy: another writer held its lock for over "
                    + SqliteGatewayStore.BUSY_TIMEOUT_MS / 1000 + " s", e);
            case 8 -> new StoreException(Kind.UNAVAILABLE, "cannot write " + file + ": it is read-only", e);
            case 3, 23 -> new StoreException(Kind.UNAVAILABLE, "cannot use " + file + ": permission denied", e);
            case 14 -> new StoreException(Kind.UNAVAILABLE, "cannot open " + file, e);
            case 11, 26 -> new StoreException(Kind.CORRUPT, file + " is damaged: SQLite reports a corrupt database", e);
            case 19 -> new StoreException(Kind.CONFLICT, "the write conflicts with a record already in " + file, e);
            case 1 -> new StoreException(Kind.CORRUPT,
                    file + " is damaged or does not hold the schema this localtrust expects", e);
            default -> new StoreException(Kind.UNAVAILABLE, "database error on " + file
                    + (code == null ? "" : " (SQLite " + code.name() + ")"), e);
        };
    }
}
