package io.localtrust.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQLite statements kept prepared between uses: reused, never shared, never holding a snapshot. */
class StatementsTest {
    private static final String ONE = "SELECT v FROM t WHERE k = ?";

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("s.db");
        try (Connection c = DriverManager.getConnection(url)) {
            Sql.exec(c, "PRAGMA journal_mode = WAL");
            Sql.exec(c, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            Sql.update(c, "INSERT INTO t (k, v) VALUES (?, ?), (?, ?)", 1, "one", 2, "two");
        }
    }

    @Test
    void aStatementIsKeptAndUsedAgainOnItsConnection() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            int before = Statements.idle(c);
            assertThat(Sql.one(c, ONE, rs -> rs.getString(1), 1)).contains("one");
            PreparedStatement kept = Statements.take(c, ONE);
            Statements.give(c, ONE, kept, true);

            assertThat(Statements.take(c, ONE)).as("the same statement, prepared once").isSameAs(kept);
            Statements.give(c, ONE, kept, true);
            assertThat(Sql.one(c, ONE, rs -> rs.getString(1), 2)).as("its old parameter is gone").contains("two");
            assertThat(Statements.idle(c)).isEqualTo(before + 1);
        }
    }

    @Test
    void anIdleStatementHoldsNoSnapshotSoACheckpointCanEmptyTheLog() throws SQLException {
        try (Connection reader = DriverManager.getConnection(url); Connection writer = DriverManager.getConnection(url)) {
            assertThat(Sql.list(reader, "SELECT v FROM t ORDER BY k", rs -> rs.getString(1))).containsExactly("one", "two");
            assertThat(Sql.one(reader, ONE, rs -> rs.getString(1), 1)).contains("one");
            assertThat(Statements.idle(reader)).isGreaterThanOrEqualTo(2);

            Sql.update(writer, "INSERT INTO t (k, v) VALUES (?, ?)", 3, "three");
            // busy = 0 and every frame copied back: no reader holds an older snapshot
            List<Long> checkpoint = Sql.one(writer, "PRAGMA wal_checkpoint(TRUNCATE)",
                    rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).orElseThrow();
            assertThat(checkpoint.getFirst()).as("busy").isZero();

            assertThat(Sql.one(reader, ONE, rs -> rs.getString(1), 3)).as("the reader sees the new row").contains("three");
        }
    }

    @Test
    void aStatementInUseIsNotHandedOutTwice() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            // the same SQL inside its own row mapping: each use has a statement of its own
            List<String> pairs = Sql.list(c, "SELECT k FROM t ORDER BY k", rs -> {
                int k = rs.getInt(1);
                return k + "=" + Sql.list(c, "SELECT k FROM t ORDER BY k", inner -> inner.getString(1));
            });
            assertThat(pairs).containsExactly("1=[1, 2]", "2=[1, 2]");
        }
    }

    @Test
    void aStatementWhoseUseFailedIsClosedNotKept() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            String insert = "INSERT INTO t (k, v) VALUES (?, ?)";
            int before = Statements.idle(c);
            assertThatThrownBy(() -> Sql.update(c, insert, 1, "again")).isInstanceOf(SQLException.class); // primary key
            assertThat(Statements.idle(c)).isEqualTo(before);

            Sql.update(c, insert, 4, "four");
            assertThat(Statements.idle(c)).isEqualTo(before + 1);
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM t")).isEqualTo(3);
        }
    }

    @Test
    void aConnectionKeepsAtMostItsBoundLeastRecentlyUsedFirst() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < Statements.PER_CONNECTION + 20; i++) {
                assertThat(Sql.one(c, "SELECT v FROM t WHERE k = ? AND " + i + " = " + i, rs -> rs.getString(1), 1))
                        .contains("one");
            }
            assertThat(Statements.idle(c)).isEqualTo(Statements.PER_CONNECTION);
        }
    }

    @Test
    void statementsOutliveThePoolsCheckoutButNotTheConnection() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        PreparedStatement first;
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection()) {
                assertThat(Sql.one(c, ONE, rs -> rs.getString(1), 1)).contains("one");
                first = Statements.take(c, ONE);
                Statements.give(c, ONE, first, true);
            } // back to the pool, which closes the statements made through it — not this one
            try (Connection c = pool.getConnection()) {
                assertThat(first.isClosed()).isFalse();
                assertThat(Statements.take(c, ONE)).isSameAs(first);
                Statements.give(c, ONE, first, true);
                assertThat(Sql.one(c, ONE, rs -> rs.getString(1), 2)).contains("two");
            }
        }
        assertThatThrownBy(first::executeQuery).as("finalized with the driver's connection").isInstanceOf(SQLException.class);
    }

    @Test
    void theCacheOfAClosedConnectionIsDroppedWhenAnotherConnectionIsCached() throws SQLException {
        Connection first = DriverManager.getConnection(url);
        assertThat(Sql.one(first, ONE, rs -> rs.getString(1), 1)).contains("one");
        assertThat(Statements.idle(first)).isPositive();
        first.close();
        int withTheClosedOne = Statements.connections();

        try (Connection second = DriverManager.getConnection(url)) {
            assertThat(Sql.one(second, ONE, rs -> rs.getString(1), 1)).contains("one");
            assertThat(Statements.idle(first)).as("gone with its connection").isZero();
            assertThat(Statements.connections()).isLessThanOrEqualTo(withTheClosedOne);
        }
    }

    @Test
    void otherDriversPrepareForEachUseAsBefore() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            Connection notSqlite = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "isWrapperFor" -> false;
                        case "unwrap" -> throw new SQLException("not a wrapper");
                        default -> method.invoke(c, args);
                    });
            PreparedStatement p = Statements.take(notSqlite, ONE);
            Statements.give(notSqlite, ONE, p, true);
            assertThat(p.isClosed()).isTrue();
            assertThat(Statements.idle(notSqlite)).isZero();
            assertThat(Sql.one(notSqlite, ONE, rs -> rs.getString(1), 1)).isEqualTo(Optional.of("one"));
        }
    }
}
