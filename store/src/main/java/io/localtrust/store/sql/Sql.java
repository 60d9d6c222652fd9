package io.localtrust.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little JDBC the tables need: bind, run, map rows. Instants are stored as BIGINT
 * milliseconds since the epoch, the one time type SQLite and PostgreSQL share exactly.
 */
final class Sql {
    private Sql() {
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static long millis(Instant at) {
        return at.toEpochMilli();
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement q = prepare(c, sql, args)) {
            q.setFetchSize(500);
            try (ResultSet rs = q.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement q = prepare(c, sql, args); ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement u = prepare(c, sql, args)) {
            return u.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case null -> p.setObject(i + 1, null);
                    case String s -> p.setString(i + 1, s);
                    case Long l -> p.setLong(i + 1, l);
                    case Integer n -> p.setInt(i + 1, n);
                    case byte[] b -> p.setBytes(i + 1, b);
                    default -> throw new IllegalArgumentException("cannot bind a " + args[i].getClass().getSimpleName());
                }
            }
            return p;
        } catch (SQLException | RuntimeException e) {
            p.close();
            throw e;
        }
    }
}
