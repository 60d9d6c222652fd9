package io.localtrust.store.sql;

import io.localtrust.store.ApprovalState;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The {@code devices} and {@code device_identities} tables. */
final class DeviceSql {
    private static final String SELECT = "SELECT dev_id, spki_sha256, state, first_seen, updated FROM devices ";

    private DeviceSql() {
    }

    /** A devices row before its identities are attached. */
    private record Row(String devId, String spki, ApprovalState state, Instant firstSeen, Instant updated) {
        DeviceRecord with(List<String> identities) {
            return new DeviceRecord(devId, spki, state, identities, firstSeen, updated);
        }
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), ApprovalState.valueOf(rs.getString(3)),
                Sql.instant(rs.getLong(4)), Sql.instant(rs.getLong(5)));
    }

    static Optional<DeviceRecord> byId(Connection c, String devId) throws SQLException {
        Optional<Row> row = Sql.one(c, SELECT + "WHERE dev_id = ?", DeviceSql::row, devId);
        return row.isEmpty() ? Optional.empty() : Optional.of(row.get().with(identities(c, devId)));
    }

    /** The device whose key this is, with its identities: one query (it runs on every issuance). */
    static Optional<DeviceRecord> byKey(Connection c, String spkiSha256) throws SQLException {
        List<Object[]> rows = Sql.list(c, "SELECT d.dev_id, d.spki_sha256, d.state, d.first_seen, d.updated, i.identity "
                        + "FROM devices d LEFT JOIN device_identities i ON i.dev_id = d.dev_id "
                        + "WHERE d.spki_sha256 = ? ORDER BY i.position",
                rs -> new Object[] {row(rs), rs.getString(6)}, spkiSha256);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> identities = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            if (r[1] != null) {
                identities.add((String) r[1]);
            }
        }
        return Optional.of(((Row) rows.get(0)[0]).with(identities));
    }

    static List<DeviceRecord> all(Connection c) throws SQLException {
        Map<String, List<String>> identities = new HashMap<>();
        for (String[] pair : Sql.list(c, "SELECT dev_id, identity FROM device_identities ORDER BY dev_id, position",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            identities.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
        }
        List<DeviceRecord> out = new ArrayList<>();
        for (Row r : Sql.list(c, SELECT + "ORDER BY rev", DeviceSql::row)) {
            out.add(r.with(identities.getOrDefault(r.devId(), List.of())));
        }
        return out;
    }

    private static List<String> identities(Connection c, String devId) throws SQLException {
        return Sql.list(c, "SELECT identity FROM device_identities WHERE dev_id = ? ORDER BY position",
                rs -> rs.getString(1), devId);
    }

    static DeviceRecord register(Tx tx, String devId, String spkiSha256, List<String> identities, Instant at)
            throws SQLException, StoreException {
        Connection c = tx.connection();
        Optional<DeviceRecord> owner = byKey(c, spkiSha256);
        if (owner.isPresent() && !owner.get().devId().equals(devId)) {
            throw new StoreException(Kind.CONFLICT, "key " + abbreviate(spkiSha256) + " is already bound to device "
                    + owner.get().devId());
        }
        Optional<DeviceRecord> existing = byId(c, devId);
        if (existing.isPresent() && !existing.get().spkiSha256().equals(spkiSha256)) {
            throw new StoreException(Kind.CONFLICT, "device " + devId + " is bound to another key");
        }
        boolean changed = false;
        if (existing.isEmpty()) {
            Sql.update(c, "INSERT INTO devices (dev_id, spki_sha256, state, first_seen, updated, rev) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", devId, spkiSha256, ApprovalState.PENDING.name(),
                    Sql.millis(at), Sql.millis(at), tx.claimRevision());
            changed = true;
        }
        List<String> known = existing.map(DeviceRecord::identities).orElse(List.of());
        int position = known.size();
        for (String identity : new LinkedHashSet<>(identities)) {
            if (!known.contains(identity)) {
                Sql.update(c, "INSERT INTO device_identities (dev_id, position, identity) VALUES (?, ?, ?)",
                        devId, position++, identity);
                changed = true;
            }
        }
        if (!changed) {
            tx.discard();
        }
        return byId(c, devId).orElseThrow();
    }

    /** Who changed a state, and the detail for the audit entry. */
    record Audit(String actor, String detail) {
        Audit {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Sets the state; with {@code audit}, also the entry for the change, in the same transaction. */
    static DeviceRecord setState(Tx tx, String devId, ApprovalState state, Instant at, Optional<Audit> audit)
            throws SQLException, StoreException {
        Connection c = tx.connection();
        DeviceRecord before = byId(c, devId)
                .orElseThrow(() -> new StoreException(Kind.NOT_FOUND, "no device " + devId));
        if (before.state() == state) {
            tx.discard();
            return before;
        }
        Sql.update(c, "UPDATE devices SET state = ?, updated = ? WHERE dev_id = ?", state.name(), Sql.millis(at), devId);
        if (state != ApprovalState.PENDING) {
            ApprovalSql.forgetShownCodes(c, devId);
        }
        if (audit.isPresent()) {
            String action = switch (state) {
                case APPROVED -> "approve";
                case DENIED -> "deny";
                case PENDING -> "reopen";
            };
            AuditSql.append(tx, at, audit.get().actor(), action, devId, audit.get().detail());
        }
        return byId(c, devId).orElseThrow();
    }

    /** The first 16 hex digits of a key hash: enough to recognise it in a message. */
    static String abbreviate(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
    }
}
