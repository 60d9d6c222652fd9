package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The store contract on SQLite: each test gets its own gateway directory. */
class SqliteGatewayStoreTest extends GatewayStoreContract {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("gateway");
    }

    @Override
    protected GatewayStore newStore() throws StoreException {
        return GatewayStores.create(dir());
    }

    @Override
    public GatewayStore second() throws StoreException {
        return GatewayStores.open(dir());
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir().resolve(SqliteGatewayStore.FILE_NAME));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }

    @Override
    public void sql(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public String queryOne(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** SQLite cannot disable a trigger: drop them, run the edit, put them back, in one transaction. */
    @Override
    public void tamper(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            List<String> triggers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    triggers.add(rs.getString(2));
                }
            }
            for (String name : names) {
                s.execute("DROP TRIGGER " + name);
            }
            s.execute(sql);
            for (String trigger : triggers) {
                s.execute(trigger);
            }
            c.commit();
        }
    }
}
