package io.localtrust.store.sql;

import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The one schema, applied by Flyway: {@code db/migration/common} (tables, the same SQL on both
 * backends) and {@code db/migration/<backend>} (the append-only triggers, whose syntax differs).
 */
final class Migrations {
    static final String KIND = "localtrust-gateway";

    private Migrations() {
    }

    /**
     * Brings the schema up to date and checks that the database is a localtrust store.
     *
     * @param where the store as {@code describe()} names it, for messages
     */
    static void migrate(DataSource ds, Dialect dialect, String where) throws StoreException {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(ds)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.migrationFolder())
                    .placeholders(Map.of("bytes", dialect.bytesType()))
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw dialect.translate(sql);
            }
            String text = String.valueOf(e.getMessage());
            if (text.contains("non-empty schema")) {
                throw new StoreException(Kind.CORRUPT, where + " holds other tables and no localtrust store: "
                        + "use an empty database (or schema) for the gateway", e);
            }
            throw new StoreException(Kind.CORRUPT, "the schema history of " + where
                    + " does not match this version of localtrust", e);
        }
        checkKind(ds, dialect, where);
    }

    /** The marker row that says this database is a gateway store. */
    static void checkKind(DataSource ds, Dialect dialect, String where) throws StoreException {
        try (Connection c = ds.getConnection()) {
            boolean ours = Sql.one(c, "SELECT kind FROM store_meta WHERE id = 1", rs -> rs.getString(1))
                    .filter(KIND::equals).isPresent();
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            if (!ours) {
                throw new StoreException(Kind.CORRUPT, where + " is not a localtrust gateway store");
            }
        } catch (SQLException e) {
            throw dialect.translate(e);
        }
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
