package io.localtrust.acme;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema of its own on the test PostgreSQL server that {@code LOCALTRUST_TEST_PG_URL} names
 * ({@code ./scripts/test} starts one on loopback and sets it), dropped on close. Fails, never skips,
 * when the variable is missing.
 */
final class TestPostgres implements AutoCloseable {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private final String server;
    private final String schema;

    TestPostgres() throws Exception {
        server = System.getenv("LOCALTRUST_TEST_PG_URL");
        if (server == null || server.isBlank()) {
            throw new AssertionError("LOCALTRUST_TEST_PG_URL is not set: run ./scripts/test (it starts PostgreSQL on loopback), "
                    + "or set it to jdbc:postgresql://127.0.0.1:PORT/DB?user=…&password=…");
        }
        schema = "lt_acme_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
    }

    /** The JDBC URL of the store in this schema. */
    String url() {
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    public void close() throws Exception {
        sql("DROP SCHEMA " + schema + " CASCADE");
    }
}
