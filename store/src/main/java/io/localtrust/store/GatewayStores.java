package io.localtrust.store;

import io.localtrust.store.sql.PostgresGatewayStore;
import io.localtrust.store.sql.SqliteGatewayStore;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a gateway store comes from: the only way to get one. Creating and opening are separate on
 * purpose: opening never creates or re-initialises anything, so a missing or damaged store stops
 * the gateway with a clear message instead of starting it empty.
 */
public final class GatewayStores {

    private GatewayStores() {
    }

    /**
     * Makes a new SQLite store, {@code dir/gateway.db} ({@code dir} is created if missing).
     *
     * @throws StoreException {@code CONFLICT} if the directory already has a store
     */
    public static GatewayStore create(Path dir) throws StoreException {
        return SqliteGatewayStore.create(dir);
    }

    /**
     * Opens the SQLite store in {@code dir}, upgrading its schema if this localtrust is newer.
     *
     * @throws StoreException {@code CORRUPT} with a one-line message if there is no store there,
     *         or the file is not a SQLite database, or not a localtrust store (the file is left
     *         untouched)
     */
    public static GatewayStore open(Path dir) throws StoreException {
        return SqliteGatewayStore.open(dir);
    }

    /**
     * Opens the PostgreSQL store at a {@code jdbc:postgresql://host:port/db} URL, migrating it: an
     * empty database becomes a store here. Credentials may be URL parameters or, when absent there,
     * the {@code PGUSER} and {@code PGPASSWORD} environment variables; they never appear in
     * {@link GatewayStore#describe()} or in error messages.
     *
     * @throws StoreException {@code UNAVAILABLE} if the server cannot be reached or refuses the
     *         login; {@code CORRUPT} if the database holds other tables and no store
     */
    public static GatewayStore open(String jdbcUrl) throws StoreException {
        return open(jdbcUrl, System.getenv());
    }

    /** As {@link #open(String)}, with the environment given explicitly. */
    public static GatewayStore open(String jdbcUrl, Map<String, String> env) throws StoreException {
        return PostgresGatewayStore.open(jdbcUrl, env);
    }
}
