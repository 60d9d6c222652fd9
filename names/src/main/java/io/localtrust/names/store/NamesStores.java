package io.localtrust.names.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;

/**
 * Where a {@link NamesStore} comes from: a SQLite file (one responder, the default) or a
 * PostgreSQL database (several stateless responders behind one NS set, docs/names.md). Both get
 * the same schema from Flyway ({@code db/names}) and are checked to be a names store before use.
 */
public final class NamesStores {
    static final String KIND = "localtrust-names";
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private NamesStores() {
    }

    /**
     * Opens {@code where}: a {@code jdbc:postgresql://host:port/db[?…]} URL, or else a SQLite file
     * path (made, with its directory, when missing). PostgreSQL credentials may be URL parameters
     * or {@code PGUSER}/{@code PGPASSWORD} in {@code env}; they never appear in messages.
     *
     * @throws StoreException {@code UNAVAILABLE} when it cannot be reached or opened, {@code CORRUPT}
     *         when it holds something else than a names store
     */
    public static NamesStore open(String where, Map<String, String> env) throws StoreException {
        return where.regionMatches(true, 0, "jdbc:postgresql:", 0, 16) ? postgres(where, env) : sqlite(Path.of(where));
    }

    /** The SQLite store in {@code file} (WAL, synchronous=FULL: an acknowledged update survives a crash). */
    public static NamesStore sqlite(Path file) throws StoreException {
        String description = "SQLite " + file.toAbsolutePath();
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (java.io.IOException e) {
            throw new StoreException(Kind.UNAVAILABLE, "cannot make the directory of " + description + ": " + e.getMessage(), e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        config.setDataSourceProperties(sqlite.toProperties());
        config.setPoolName("localtrust-names-sqlite");
        config.setAutoCommit(false);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        return start(config, description, e -> sqliteError(e, description));
    }

    /** The PostgreSQL store at {@code jdbcUrl}; an empty database (or schema) becomes one. */
    public static NamesStore postgres(String jdbcUrl, Map<String, String> env) throws StoreException {
        String description = describePostgres(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (!jdbcUrl.contains("user=") && env.containsKey("PGUSER")) {
            config.setUsername(env.get("PGUSER"));
        }
        if (!jdbcUrl.contains("password=") && env.containsKey("PGPASSWORD")) {
            config.setPassword(env.get("PGPASSWORD"));
        }
        config.addDataSourceProperty("ApplicationName", "localtrust-names");
        config.setPoolName("localtrust-names-postgresql");
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        return start(config, description, e -> postgresError(e, description));
    }

    private static NamesStore start(HikariConfig config, String description, SqlNamesStore.Errors errors) throws StoreException {
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            SQLException sql = sqlCause(e);
            throw sql != null ? errors.translate(sql) : new StoreException(Kind.UNAVAILABLE, "cannot open " + description, e);
        }
        try {
            migrate(pool, description, errors);
            return new SqlNamesStore(pool, errors, description);
        } catch (StoreException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void migrate(DataSource ds, String description, SqlNamesStore.Errors errors) throws StoreException {
        try {
            Flyway.configure(NamesStores.class.getClassLoader()).dataSource(ds).locations("classpath:db/names")
                    .table("names_schema_history").failOnMissingLocations(true).load().migrate();
        } catch (FlywayException e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw errors.translate(sql);
            }
            throw new StoreException(Kind.CORRUPT, description + " holds something else than a names store of this version", e);
        }
        try (Connection c = ds.getConnection()) {
            boolean ours;
            try (var q = c.prepareStatement("SELECT kind FROM names_meta WHERE id = 1"); var rs = q.executeQuery()) {
                ours = rs.next() && KIND.equals(rs.getString(1));
            }
            c.rollback();
            if (!ours) {
                throw new StoreException(Kind.CORRUPT, description + " is not a localtrust names store");
            }
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    /** "PostgreSQL //host:port/db": the URL without parameters or user info. */
    static String describePostgres(String url) {
        String rest = url.substring("jdbc:postgresql:".length());
        int q = rest.indexOf('?');
        String location = q < 0 ? rest : rest.substring(0, q);
        int at = location.lastIndexOf('@');
        if (at >= 0) {
            location = "//" + location.substring(at + 1);
        }
        return "PostgreSQL " + location;
    }

    private static StoreException sqliteError(SQLException e, String where) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("SQLITE_BUSY") || text.contains("locked")) {
            return new StoreException(Kind.UNAVAILABLE, where + " is busy (another process holds its write lock)", e);
        }
        if (text.contains("SQLITE_CONSTRAINT")) {
            return new StoreException(Kind.CONFLICT, "the write conflicts with a record already in " + where, e);
        }
        if (text.contains("SQLITE_NOTADB") || text.contains("SQLITE_CORRUPT")) {
            return new StoreException(Kind.CORRUPT, where + " is not a SQLite database", e);
        }
        if (text.contains("SQLITE_FULL")) {
            return new StoreException(Kind.UNAVAILABLE, "disk full writing " + where, e);
        }
        return new StoreException(Kind.UNAVAILABLE, "cannot use " + where + " (" + e.getErrorCode() + ")", e);
    }

    /** By SQLSTATE class (PostgreSQL appendix A); never the server's text, which may quote SQL. */
    private static StoreException postgresError(SQLException e, String where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state.length() >= 2 ? state.substring(0, 2) : "") {
            case "23" -> new StoreException(Kind.CONFLICT, "the write conflicts with a record already in " + where, e);
            case "28" -> new StoreException(Kind.UNAVAILABLE, "cannot log in to " + where + ": authentication failed", e);
            case "08" -> new StoreException(Kind.UNAVAILABLE, "cannot connect to " + where, e);
            case "3D" -> new StoreException(Kind.UNAVAILABLE, "cannot open " + where + ": no such database", e);
            case "42" -> new StoreException(Kind.CORRUPT, where + " does not hold the schema this localtrust expects", e);
            default -> new StoreException(Kind.UNAVAILABLE, "database error on " + where
                    + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), e);
        };
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }
}
