package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static final String CERT_ROW = "INSERT INTO certificates (serial, dev_id, spki_sha256, subject, not_before, "
            + "not_after, issued_at, der, rev) VALUES ";

    /** V10: the database itself refuses a certificate of no device, checked once per statement. */
    @Test
    void theServerRefusesACertificateOfAnUnknownDeviceForEveryRowOfAStatement() throws Exception {
        Samples.register(store(), 1);
        String known = Samples.devId(1);

        assertThatThrownBy(() -> sql(CERT_ROW + "('a1', 'nodevice', 's', 'CN=x', 0, 1, 0, '\\x30', 900001)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        // one good row and one bad in one statement: neither is stored
        assertThatThrownBy(() -> sql(CERT_ROW + "('a2', '" + known + "', 's', 'CN=x', 0, 1, 0, '\\x30', 900002), "
                + "('a3', 'nodevice', 's', 'CN=x', 0, 1, 0, '\\x30', 900003)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        assertThat(queryOne("SELECT COUNT(*) FROM certificates")).isEqualTo("0");

        sql(CERT_ROW + "('a4', '" + known + "', 's', 'CN=x', 0, 1, 0, '\\x30', 900004)");
        assertThat(queryOne("SELECT dev_id FROM certificates")).isEqualTo(known);

        // a session whose search_path does not name the store's schema is checked against the store's devices
        String elsewhere = "SET search_path TO public; " + CERT_ROW.replace("INTO certificates", "INTO " + schema + ".certificates");
        sql(elsewhere + "('a5', '" + known + "', 's', 'CN=x', 0, 1, 0, '\\x30', 900005)");
        assertThatThrownBy(() -> sql(elsewhere + "('a6', 'nodevice', 's', 'CN=x', 0, 1, 0, '\\x30', 900006)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        assertThat(queryOne("SELECT COUNT(*) FROM certificates")).isEqualTo("2");
    }

    /** The same check for the store's own bulk path: a binary COPY with one row of no device stores nothing. */
    @Test
    void aCopyWithACertificateOfAnUnknownDeviceStoresNone() throws Exception {
        Samples.register(store(), 1);
        List<String> columns = List.of("serial", "dev_id", "spki_sha256", "subject", "not_before", "not_after",
                "issued_at", "der", "rev");
        List<Object[]> rows = List.of(
                new Object[] {"b1", Samples.devId(1), "s", "CN=x", 0L, 1L, 0L, new byte[] {0x30}, 900011L},
                new Object[] {"b2", "nodevice", "s", "CN=x", 0L, 1L, 0L, new byte[] {0x30}, 900012L});

        try (Connection c = DriverManager.getConnection(url())) {
            assertThatThrownBy(() -> PgCopy.copyIn(c, "certificates", columns, rows))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            PgCopy.copyIn(c, "certificates", columns, rows.subList(0, 1));
        }
        assertThat(queryOne("SELECT string_agg(serial, ',') FROM certificates")).isEqualTo("b1");
    }

    /** V10: what the foreign key's NO ACTION refused on the devices side, the devices' triggers refuse. */
    @Test
    void devicesAreNeitherDeletedNorRenamedNorTruncated() throws Exception {
        Samples.register(store(), 1);
        store().recordIssuance(Samples.cert(1, 1), "a");

        for (String edit : List.of("DELETE FROM devices", "UPDATE devices SET dev_id = 'renamed'", "TRUNCATE devices CASCADE")) {
            assertThatThrownBy(() -> sql(edit)).as(edit)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        }
        sql("UPDATE devices SET updated = updated + 1"); // other columns change as before

        assertThat(queryOne("SELECT dev_id FROM devices")).isEqualTo(Samples.devId(1));
        assertThat(store().certificates()).containsExactly(Samples.cert(1, 1));
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
