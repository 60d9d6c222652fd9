package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's store in PostgreSQL, for scale or for several gateways sharing one database.
 * Opening migrates: that is how an empty database becomes a store (Flyway takes PostgreSQL's
 * advisory lock, so gateways starting together do not race). A database that holds other tables
 * and no store is refused, never taken over.
 */
public final class PostgresGatewayStore extends SqlGatewayStore {

    private final PostgresLocks locks;

    private PostgresGatewayStore(Database db, String description, PostgresLocks locks) {
        super(db, description);
        this.locks = locks;
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
     * Opens (and migrates) the store at a {@code jdbc:postgresql://} URL. Credentials come from the
     * URL's {@code user} and {@code password} parameters or, when absent there, from
     * {@code PGUSER} and {@code PGPASSWORD} in {@code env}. Messages name host, port and database only.
     */
    public static PostgresGatewayStore open(String jdbcUrl, Map<String, String> env) throws StoreException {
        PostgresUrl url = PostgresUrl.parse(jdbcUrl).orElseThrow(() -> new StoreException(Kind.UNAVAILABLE,
                "not a PostgreSQL JDBC URL: expected jdbc:postgresql://host:port/database"));
        PostgresDialect dialect = new PostgresDialect(url.description());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.url());
        if (!url.hasUser() && env.containsKey("PGUSER")) {
            config.setUsername(env.get("PGUSER"));
        }
        if (!url.hasPassword() && env.containsKey("PGPASSWORD")) {
            config.setPassword(env.get("PGPASSWORD"));
        }
        config.addDataSourceProperty("ApplicationName", "localtrust");
        config.setPoolName("localtrust-postgresql");
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(9); // one kept by the revision probe (RevisionProbe), one by the writer thread (Database)
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw startFailure(e, dialect, url);
        }
        try {
            Migrations.migrate(pool, dialect, url.description());
            return new PostgresGatewayStore(new Database(pool, dialect), url.description(),
                    new PostgresLocks(lockPool(config), dialect));
        } catch (StoreException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** One auto-commit connection, made when the first lock is taken, for the advisory locks alone. */
    private static HikariDataSource lockPool(HikariConfig store) {
        HikariConfig config = new HikariConfig();
        store.copyStateTo(config);
        config.setPoolName("localtrust-postgresql-locks");
        config.setAutoCommit(true);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setMaxLifetime(0); // a lock lives on its session: the pool must not retire the connection under it
        config.setIdleTimeout(0);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static StoreException startFailure(RuntimeException e, PostgresDialect dialect, PostgresUrl url) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return dialect.translate(s);
            }
        }
        return new StoreException(Kind.UNAVAILABLE, "cannot connect to " + url.description(), e);
    }
}
