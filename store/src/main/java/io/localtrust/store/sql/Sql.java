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
        return use(c, sql, args, q -> {
            q.setFetchSize(500);
            try (ResultSet rs = q.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        });
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        return use(c, sql, args, q -> {
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
            }
        });
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        return use(c, sql, args, PreparedStatement::executeUpdate);
    }

    /**
     * Runs one statement that takes no arguments (BEGIN, SAVEPOINT, a PRAGMA…); a row it returns (as
     * {@code PRAGMA journal_mode} does) is read and closed, which also ends the statement: an SQLite
     * statement left with a row unread is still in progress and keeps its transaction from committing.
     */
    static void exec(Connection c, String sql) throws SQLException {
        use(c, sql, new Object[0], statement -> {
            if (statement.execute()) {
                statement.getResultSet().close();
            }
            return null;
        });
    }

    /** What is done with a bound statement; its result set is closed before it returns. */
    @FunctionalInterface
    interface Use<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Binds {@code args} to a statement for {@code sql} and runs {@code use} on it: on SQLite a statement
     * kept prepared between uses ({@link Statements}), given back when {@code use} returned normally and
     * closed when it threw; elsewhere one prepared for this use and closed after it.
     */
    static <T> T use(Connection c, String sql, Object[] args, Use<T> use) throws SQLException {
        PreparedStatement statement = Statements.take(c, sql);
        boolean reusable = false;
        try {
            bind(statement, args);
            T result = use.run(statement);
            reusable = true;
            return result;
        } finally {
            Statements.give(c, sql, statement, reusable);
        }
    }

    /**
     * {@code sqlPrefix} followed by {@code (?, ?, …)} for {@code values}, in chunks of at most
     * {@value #IN_CHUNK}: the rows of all chunks. No values, no query.
     */
    static <T> List<T> in(Connection c, String sqlPrefix, List<String> values, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_CHUNK) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + IN_CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(list(c, sqlPrefix + "(" + marks + ")", row, chunk.toArray()));
        }
        return out;
    }

    static final int IN_CHUNK = 500;

    /**
     * One statement for every row of arguments, prepared once and sent as a JDBC batch. A failed
     * batch throws the driver's own error for the failing row (not the batch wrapper), so that the
     * dialect's translation reads its real code.
     */
    static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement u = c.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(u, args);
                u.addBatch();
            }
            u.executeBatch();
        } catch (java.sql.BatchUpdateException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException()
                    : e.getCause() instanceof SQLException s ? s : null;
            if (cause != null && cause != e) {
                cause.addSuppressed(e);
                throw cause;
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement p, Object[] args) throws SQLException {
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
    }
}
