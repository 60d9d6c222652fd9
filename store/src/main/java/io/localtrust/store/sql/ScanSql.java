package io.localtrust.store.sql;

import io.localtrust.store.AuditHashes;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.ScanStore.ScanReport;
import io.localtrust.store.ScanStore.ScanState;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code scans} table. */
final class ScanSql {
    private static final String SELECT = "SELECT id, actor, targets, started_at, state, finished_at, summary, devices, error FROM scans ";

    private ScanSql() {
    }

    private static ScanRecord row(ResultSet rs) throws SQLException {
        String targets = rs.getString(3);
        long finished = rs.getLong(6);
        Optional<Instant> end = rs.wasNull() ? Optional.empty() : Optional.of(Sql.instant(finished));
        return new ScanRecord(rs.getString(1), rs.getString(2), targets.isEmpty() ? List.of() : Arrays.asList(targets.split("\n")),
                Sql.instant(rs.getLong(4)), ScanState.valueOf(rs.getString(5)), end, summary(rs.getString(7)), rs.getInt(8),
                Optional.ofNullable(rs.getString(9)));
    }

    private static Map<String, Integer> summary(String text) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String pair : text.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            }
        }
        return m;
    }

    private static String summary(Map<String, Integer> m) {
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9_]+") || e.getValue() < 0) {
                throw new IllegalArgumentException("a summary maps category names to counts of at least 0");
            }
        }
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    static ScanRecord start(Tx tx, String id, List<String> targets, Instant at, String actor, String detail)
            throws SQLException, StoreException {
        Connection c = tx.connection();
        for (String t : targets) {
            AuditHashes.requireOneLine("target", t);
            if (t.isBlank()) {
                throw new IllegalArgumentException("a target is not blank");
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a scan has at least one target");
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM scans WHERE state = 'RUNNING'") > 0) {
            throw new StoreException(Kind.CONFLICT, "a scan is running already: one at a time");
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM scans WHERE id = ?", id) > 0) {
            throw new StoreException(Kind.CONFLICT, "a scan with this id exists");
        }
        Sql.update(c, "INSERT INTO scans (id, actor, targets, started_at, state, summary, devices, rev) VALUES (?, ?, ?, ?, 'RUNNING', '', 0, ?)",
                id, actor, String.join("\n", targets), Sql.millis(at), tx.claimRevision());
        AuditSql.append(tx, at, actor, "scan", id, String.join(" ", targets) + (detail.isEmpty() ? "" : "; " + detail));
        return byId(c, id).orElseThrow();
    }

    static void finish(Tx tx, String id, Instant at, Map<String, Integer> summary, int devices, ScanReport report)
            throws SQLException, StoreException {
        if (devices < 0) {
            throw new IllegalArgumentException("devices >= 0");
        }
        int n = Sql.update(tx.connection(), "UPDATE scans SET state = 'FINISHED', finished_at = ?, summary = ?, devices = ?,"
                + " report_json = ?, report_html = ? WHERE id = ? AND state = 'RUNNING'",
                Sql.millis(at), summary(summary), devices, report.json(), report.html(), id);
        requireRunning(tx, id, n);
    }

    static void fail(Tx tx, String id, Instant at, String error) throws SQLException, StoreException {
        AuditHashes.requireOneLine("error", error);
        int n = Sql.update(tx.connection(), "UPDATE scans SET state = 'FAILED', finished_at = ?, error = ? WHERE id = ? AND state = 'RUNNING'",
                Sql.millis(at), error, id);
        requireRunning(tx, id, n);
    }

    static int abandon(Tx tx, Instant at, String error) throws SQLException {
        AuditHashes.requireOneLine("error", error);
        int n = Sql.update(tx.connection(), "UPDATE scans SET state = 'FAILED', finished_at = ?, error = ? WHERE state = 'RUNNING'",
                Sql.millis(at), error);
        if (n == 0) {
            tx.discard();
        }
        return n;
    }

    private static void requireRunning(Tx tx, String id, int updated) throws SQLException, StoreException {
        if (updated == 1) {
            return;
        }
        if (byId(tx.connection(), id).isEmpty()) {
            throw new StoreException(Kind.NOT_FOUND, "no scan " + id);
        }
        throw new StoreException(Kind.CONFLICT, "scan " + id + " is not running");
    }

    static Optional<ScanRecord> byId(Connection c, String id) throws SQLException {
        return Sql.one(c, SELECT + "WHERE id = ?", ScanSql::row, id);
    }

    static List<ScanRecord> newest(Connection c, int limit) throws SQLException {
        return Sql.list(c, SELECT + "ORDER BY started_at DESC, rev DESC LIMIT " + limit, ScanSql::row);
    }

    static Optional<ScanReport> report(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT report_json, report_html FROM scans WHERE id = ? AND state = 'FINISHED'",
                rs -> new ScanReport(rs.getString(1), rs.getString(2)), id);
    }
}
