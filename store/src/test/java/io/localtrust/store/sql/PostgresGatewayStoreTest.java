package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store contract on a real PostgreSQL server: {@code LOCALTRUST_TEST_PG_URL} names it
 * ({@code ./scripts/test} starts a throwaway cluster on loopback and sets it). Each test gets a
 * schema of its own, dropped afterwards.
 */
class PostgresGatewayStoreTest extends GatewayStoreContract {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private String schema;

    /** The server's URL; fails (never skips) when it is not set. */
    static String serverUrl() {
        String url = System.getenv("LOCALTRUST_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new AssertionError("LOCALTRUST_TEST_PG_URL is not set: run ./scripts/test (it starts PostgreSQL on "
                    + "loopback), or set it to jdbc:postgresql://127.0.0.1:PORT/DB?user=…&password=… of a server "
                    + "where that user may create schemas");
        }
        return url;
    }

    static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private String url() {
        return withSchema(serverUrl(), schema);
    }

    @Override
    protected GatewayStore newStore() throws Exception {
        schema = "lt_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return GatewayStores.open(url(), Map.of());
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(serverUrl()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    public GatewayStore second() throws StoreException {
        return GatewayStores.open(url(), Map.of());
    }

    @Override
    public void sql(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public String queryOne(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The tables' owner switches the append-only triggers off for one transaction. */
    @Override
    public void tamper(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE audit DISABLE TRIGGER USER");
            s.execute("ALTER TABLE certificates DISABLE TRIGGER USER");
            s.execute(sql);
            s.execute("ALTER TABLE audit ENABLE TRIGGER USER");
            s.execute("ALTER TABLE certificates ENABLE TRIGGER USER");
            c.commit();
        }
    }
}
