package io.localtrust.store.sql;

import org.sqlite.SQLiteConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQLite statements kept prepared, per connection, between uses. The SQLite driver compiles every
 * {@code prepareStatement} afresh ({@code sqlite3_prepare_v2}: parse and plan), and neither it nor the
 * pool keeps a statement cache; under the ACME load that compilation was 13 % of the gateway's CPU
 * (BENCHMARKS.md, "stmt-cache"). PostgreSQL needs none of this: pgjdbc keeps its own per-connection
 * cache of server-side prepared statements, so there a statement is prepared as before.
 *
 * <p>How a statement is used: {@link #take} gives one — an idle one for this SQL and connection, or a
 * new one — to the caller alone; {@link #give} takes it back once the caller closed its result and
 * the statement is idle again (parameters cleared), or closes it when the use failed (a statement
 * left in an unknown state is never reused). While taken, it is in no cache, so a second use of the
 * same SQL on the same connection meanwhile (a query inside another's row mapping) prepares its own.
 * An idle SQLite statement holds no lock and no read snapshot (its last step was reset).
 *
 * <p>The statements are prepared on the driver's own connection, under the pool's proxy, so that
 * returning the connection to the pool does not close them; they are closed when the cache of their
 * connection holds more than {@value #PER_CONNECTION} (the least recently used goes), when a use
 * fails, or when the driver closes its connection (it finalizes every statement it prepared). The
 * cache of a closed connection (the pool retires its connections after a while) is dropped the next
 * time a cache is made for a new one, so the caches never outnumber the connections opened since.
 * A connection is used by one thread at a time (the pool hands it out alone), and each cache is
 * locked anyway.
 */
final class Statements {
    /** Idle statements kept per connection: more than the store's distinct statements on one connection. */
    static final int PER_CONNECTION = 128;

    /** By the driver's connection (identity: the driver's connections do not redefine equality). */
    private static final Map<SQLiteConnection, Cache> CACHES = new ConcurrentHashMap<>();

    private Statements() {
    }

    /** A statement for {@code sql} on {@code c}, the caller's alone until it is given back ({@link #give}). */
    static PreparedStatement take(Connection c, String sql) throws SQLException {
        SQLiteConnection sqlite = sqlite(c);
        if (sqlite == null) {
            return c.prepareStatement(sql);
        }
        PreparedStatement idle = cacheOf(sqlite).take(sql);
        return idle != null ? idle : sqlite.prepareStatement(sql);
    }

    /**
     * Gives back a statement from {@link #take} after its use, its result set closed: kept for the next
     * use when {@code reusable} (the use succeeded), else closed. Never throws: a statement that cannot
     * be made idle is closed instead.
     */
    static void give(Connection c, String sql, PreparedStatement statement, boolean reusable) {
        SQLiteConnection sqlite = reusable ? sqlite(c) : null;
        if (sqlite != null) {
            try {
                statement.clearParameters();
                PreparedStatement displaced = cacheOf(sqlite).put(sql, statement);
                if (displaced != null) {
                    closeQuietly(displaced);
                }
                return;
            } catch (SQLException | RuntimeException e) {
                // not idle: closed below
            }
        }
        closeQuietly(statement);
    }

    /** For tests: the idle statements kept for {@code c}'s driver connection. */
    static int idle(Connection c) {
        SQLiteConnection sqlite = sqlite(c);
        Cache cache = sqlite == null ? null : CACHES.get(sqlite);
        return cache == null ? 0 : cache.size();
    }

    private static SQLiteConnection sqlite(Connection c) {
        try {
            return c.isWrapperFor(SQLiteConnection.class) ? c.unwrap(SQLiteConnection.class) : null;
        } catch (SQLException e) {
            return null; // not a wrapper we can see through: prepare as usual
        }
    }

    /** For tests: the connections with a cache. */
    static int connections() {
        return CACHES.size();
    }

    private static Cache cacheOf(SQLiteConnection c) {
        Cache cache = CACHES.get(c);
        if (cache == null) {
            // connections closed since a cache was last made: the driver finalized their statements
            CACHES.keySet().removeIf(Statements::closed);
            cache = CACHES.computeIfAbsent(c, k -> new Cache());
        }
        return cache;
    }

    private static boolean closed(SQLiteConnection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException | RuntimeException e) {
            // the driver finalizes it with its connection anyway
        }
    }

    /** One connection's idle statements, least recently used first. */
    private static final class Cache {
        private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(32, 0.75f, true);

        synchronized PreparedStatement take(String sql) {
            return idle.remove(sql);
        }

        /** Keeps {@code statement}; returns one to close: the same SQL's other idle statement, or the eldest beyond the bound. */
        synchronized PreparedStatement put(String sql, PreparedStatement statement) {
            PreparedStatement before = idle.put(sql, statement);
            if (before != null) {
                return before;
            }
            if (idle.size() > PER_CONNECTION) {
                var eldest = idle.entrySet().iterator();
                PreparedStatement old = eldest.next().getValue();
                eldest.remove();
                return old;
            }
            return null;
        }

        synchronized int size() {
            return idle.size();
        }
    }
}
