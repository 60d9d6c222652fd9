package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The gateway's store in one SQLite file, {@code DIR/gateway.db}.
 *
 * <p>Every connection runs in WAL mode with {@code synchronous=FULL} (a commit is on disk when it
 * returns: the "a certificate is returned only after its record is durably committed"),
 * foreign keys on, temporary files (sub-journals, sorts) in memory, and a busy timeout so that
 * the CLI and a running gateway can both write: a writer waits up to {@value #BUSY_TIMEOUT_MS} ms
 * for the other's transaction to finish.
 */
public final class SqliteGatewayStore extends SqlGatewayStore {
    /** The store's file name inside the gateway directory. */
    public static final String FILE_NAME = "gateway.db";
    static final int BUSY_TIMEOUT_MS = 10_000;

    private final SqliteLocks locks;

    private SqliteGatewayStore(Database db, Path file) {
        super(db, "SQLite " + file);
        this.locks = new SqliteLocks(file);
    }

    @Override
    public Optional<HeldLock> tryLock(String name) throws StoreException {
        return locks.tryLock(java.util.Objects.requireNonNull(name, "name"));
    }

    @Override
    public void close() {
        locks.close();
        super.close();
    }

    /**
     * Makes a new store in {@code dir} (created if missing).
     *
     * @throws StoreException {@code CONFLICT} if {@code dir} already has one; nothing is left
     *         behind when creation fails
     */
    public static SqliteGatewayStore create(Path dir) throws StoreException {
        Path file = dir.resolve(FILE_NAME);
        SqliteFile.createEmpty(file);
        try {
            return start(file, true);
        } catch (StoreException | RuntimeException e) {
            SqliteFile.deleteQuietly(file);
            throw e;
        }
    }

    /**
     * Opens the store in {@code dir}, bringing its schema up to date.
     *
     * @throws StoreException {@code CORRUPT} if there is no store, or the file is not a SQLite
     *         database, or not a localtrust store; such a file is left untouched, and nothing
     *         is ever created or initialised here
     */
    public static SqliteGatewayStore open(Path dir) throws StoreException {
        Path file = dir.resolve(FILE_NAME);
        SqliteFile.checkExisting(file);
        return start(file, false);
    }

    private static SqliteGatewayStore start(Path file, boolean create) throws StoreException {
        SqliteDialect dialect = new SqliteDialect(file);
        SQLiteDataSource direct = new SQLiteDataSource(config(create));
        direct.setUrl("jdbc:sqlite:" + file);
        // Flyway gets its own short-lived connections: when the last closes, SQLite checkpoints.
        Migrations.migrate(direct, dialect, "SQLite " + file);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(direct);
        pool.setPoolName("localtrust-sqlite");
        pool.setMaximumPoolSize(6); // one kept by the revision probe (RevisionProbe), one by the writer thread (Database)
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(BUSY_TIMEOUT_MS + 5_000L);
        pool.setInitializationFailTimeout(1);
        try {
            return new SqliteGatewayStore(new Database(new HikariDataSource(pool), dialect,
                    new SqliteCheckpointer(direct, file)), file);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException s) {
                    throw dialect.translate(s);
                }
            }
            throw new StoreException(Kind.UNAVAILABLE, "cannot open " + file, e);
        }
    }

    /** The settings every connection applies when it opens. */
    private static SQLiteConfig config(boolean create) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // Temporary files in memory: above all the sub-journal, where SQLite copies every page a
        // write changes inside a savepoint (each group-committed write runs in one) before changing
        // it. In a file that was a write system call per page and a fifth of the writer's CPU
        // (BENCHMARKS.md, "issuefast"). It only serves a rollback inside the open transaction, so
        // losing it in a crash loses nothing committed: durability is the WAL's, synchronous=FULL.
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        return config;
    }
}
