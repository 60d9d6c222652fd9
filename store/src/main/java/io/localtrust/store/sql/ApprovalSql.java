package io.localtrust.store.sql;

import io.localtrust.store.ApprovalStore.Allowance;
import io.localtrust.store.ApprovalStore.PairingCode;
import io.localtrust.store.ApprovalStore.PairingOffer;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The {@code pairing_codes}, {@code pairing_failures} and {@code allowances} tables. */
final class ApprovalSql {

    private ApprovalSql() {
    }

    static void addPairingCode(Tx tx, PairingCode code) throws SQLException, StoreException {
        insert(tx.connection(), code, null);
    }

    private static void insert(Connection c, PairingCode code, String shown) throws SQLException, StoreException {
        if (Sql.count(c, "SELECT COUNT(*) FROM pairing_codes WHERE code_hash = ?", code.codeHash()) > 0) {
            throw new StoreException(Kind.CONFLICT, "a pairing code with this hash is already stored");
        }
        Sql.update(c, "INSERT INTO pairing_codes (code_hash, dev_id, expires_at, used_at, shown_code) VALUES (?, ?, ?, ?, ?)",
                code.codeHash(), code.devId(), Sql.millis(code.expiresAt()), code.usedAt().map(Sql::millis).orElse(null), shown);
    }

    /**
     * Stores the code with its shown text, forgetting the shown text of the device's earlier codes
     * and of every expired code first (so at most one code per device is ever kept in clear).
     */
    static void offerPairingCode(Tx tx, PairingCode code, String shown, Instant at) throws SQLException, StoreException {
        Connection c = tx.connection();
        forgetShownCodes(c, code.devId());
        Sql.update(c, "UPDATE pairing_codes SET shown_code = NULL WHERE shown_code IS NOT NULL AND expires_at <= ?", Sql.millis(at));
        insert(c, code, shown);
    }

    static List<PairingOffer> offers(Connection c, Instant at) throws SQLException {
        return Sql.list(c, "SELECT p.code_hash, p.dev_id, p.shown_code, p.expires_at FROM pairing_codes p "
                        + "JOIN devices d ON d.dev_id = p.dev_id "
                        + "WHERE d.state = 'PENDING' AND p.used_at IS NULL AND p.expires_at > ? "
                        + "ORDER BY p.expires_at DESC, p.code_hash",
                rs -> new PairingOffer(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                        Sql.instant(rs.getLong(4))), Sql.millis(at));
    }

    /** Forgets the shown text of a device's codes: it was approved or denied, nobody need compare them now. */
    static void forgetShownCodes(Connection c, String devId) throws SQLException {
        Sql.update(c, "UPDATE pairing_codes SET shown_code = NULL WHERE dev_id = ? AND shown_code IS NOT NULL", devId);
    }

    static Optional<PairingCode> usableCode(Connection c, String devId, String codeHash, Instant at)
            throws SQLException {
        return Sql.one(c, "SELECT code_hash, dev_id, expires_at FROM pairing_codes "
                        + "WHERE code_hash = ? AND dev_id = ? AND used_at IS NULL AND expires_at > ?",
                rs -> new PairingCode(rs.getString(1), rs.getString(2), Sql.instant(rs.getLong(3)), Optional.empty()),
                codeHash, devId, Sql.millis(at));
    }

    /** Marks the code used if it is still unused and unexpired; the UPDATE's condition is the check. */
    static boolean usePairingCode(Tx tx, String codeHash, Instant at) throws SQLException, StoreException {
        Connection c = tx.connection();
        int used = Sql.update(c, "UPDATE pairing_codes SET used_at = ?, shown_code = NULL WHERE code_hash = ? AND used_at IS NULL "
                + "AND expires_at > ?", Sql.millis(at), codeHash, Sql.millis(at));
        if (used == 1) {
            return true;
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM pairing_codes WHERE code_hash = ?", codeHash) == 0) {
            throw new StoreException(Kind.NOT_FOUND, "no such pairing code");
        }
        tx.discard();
        return false;
    }

    static int recordPairingFailure(Tx tx, String devId, Instant at, Duration window) throws SQLException {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the failure window must be positive");
        }
        Connection c = tx.connection();
        Sql.update(c, "INSERT INTO pairing_failures (dev_id, at) VALUES (?, ?)", devId, Sql.millis(at));
        return Math.toIntExact(Sql.count(c, "SELECT COUNT(*) FROM pairing_failures WHERE dev_id = ? AND at > ? AND at <= ?",
                devId, Sql.millis(at.minus(window)), Sql.millis(at)));
    }

    static int pairingFailures(Connection c, String devId, Instant at, Duration window) throws SQLException {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the failure window must be positive");
        }
        return Math.toIntExact(Sql.count(c, "SELECT COUNT(*) FROM pairing_failures WHERE dev_id = ? AND at > ? AND at <= ?",
                devId, Sql.millis(at.minus(window)), Sql.millis(at)));
    }

    /** Stores the allowance; with {@code auditAt}, also its audit entry, in the same transaction. */
    static void allow(Tx tx, Allowance allowance, Optional<Instant> auditAt) throws SQLException, StoreException {
        Connection c = tx.connection();
        Sql.update(c, "INSERT INTO allowances (identity, until_at, actor) VALUES (?, ?, ?) "
                        + "ON CONFLICT (identity) DO UPDATE SET until_at = excluded.until_at, actor = excluded.actor",
                allowance.identity(), Sql.millis(allowance.until()), allowance.actor());
        if (auditAt.isPresent()) {
            AuditSql.append(tx, auditAt.get(), allowance.actor(), "allow", allowance.identity(),
                    "until " + allowance.until().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    static List<Allowance> allowances(Connection c, Instant at) throws SQLException {
        return Sql.list(c, "SELECT identity, until_at, actor FROM allowances WHERE until_at > ? ORDER BY until_at, identity",
                rs -> new Allowance(rs.getString(1), Sql.instant(rs.getLong(2)), rs.getString(3)), Sql.millis(at));
    }
}
