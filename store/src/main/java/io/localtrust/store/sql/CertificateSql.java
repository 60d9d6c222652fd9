package io.localtrust.store.sql;

import io.localtrust.store.CertificateStatus;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only {@code certificates} table and the {@code cert_status} table beside it, which holds
 * revocations only: a certificate without a status row is good (V8; an issuance writes no status row).
 */
final class CertificateSql {
    private static final String SELECT =
            "SELECT serial, dev_id, spki_sha256, subject, not_before, not_after, issued_at, der FROM certificates ";
    private static final String SELECT_STATUS = "SELECT serial, revoked, revoked_at, reason FROM cert_status ";
    /** The columns an issuance writes, in the order of its row values. */
    private static final List<String> COLUMNS = List.of("serial", "dev_id", "spki_sha256", "subject", "not_before",
            "not_after", "issued_at", "der", "rev");
    /** A stored certificate's status: its revocation row if it has one, else good. */
    private static final String STATUS_OF = "SELECT c.serial, COALESCE(s.revoked, 0), s.revoked_at, s.reason "
            + "FROM certificates c LEFT JOIN cert_status s ON s.serial = c.serial WHERE c.serial = ?";

    private CertificateSql() {
    }

    /** Serials are stored as lowercase hex without leading zeros: one spelling per number. */
    static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    private static IssuedCertificate row(ResultSet rs) throws SQLException {
        return new IssuedCertificate(new BigInteger(rs.getString(1), 16), rs.getString(2), rs.getString(3),
                rs.getString(4), Sql.instant(rs.getLong(5)), Sql.instant(rs.getLong(6)), Sql.instant(rs.getLong(7)),
                rs.getBytes(8));
    }

    private static CertificateStatus status(ResultSet rs) throws SQLException {
        BigInteger serial = new BigInteger(rs.getString(1), 16);
        if (rs.getInt(2) == 0) {
            return CertificateStatus.good(serial);
        }
        Instant at = Sql.instant(rs.getLong(3));
        int code = rs.getInt(4);
        return new CertificateStatus(serial, true, Optional.of(at),
                Optional.of(RevocationReason.ofCode(code).orElse(RevocationReason.UNSPECIFIED)));
    }

    static Optional<IssuedCertificate> bySerial(Connection c, BigInteger serial) throws SQLException {
        return Sql.one(c, SELECT + "WHERE serial = ?", CertificateSql::row, hex(serial));
    }

    static List<IssuedCertificate> ofDevice(Connection c, String devId) throws SQLException {
        return Sql.list(c, SELECT + "WHERE dev_id = ? ORDER BY rev", CertificateSql::row, devId);
    }

    /** A device's certificates that are unexpired and not revoked at {@code atMillis}. */
    static List<IssuedCertificate> liveOfDevice(Connection c, String devId, long atMillis) throws SQLException {
        return Sql.list(c, "SELECT c.serial, c.dev_id, c.spki_sha256, c.subject, c.not_before, c.not_after, c.issued_at, c.der "
                + "FROM certificates c LEFT JOIN cert_status s ON s.serial = c.serial "
                + "WHERE c.dev_id = ? AND c.not_after > ? AND COALESCE(s.revoked, 0) = 0 ORDER BY c.rev",
                CertificateSql::row, devId, atMillis);
    }

    static List<IssuedCertificate> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "ORDER BY rev", CertificateSql::row);
    }

    static Optional<CertificateStatus> status(Connection c, BigInteger serial) throws SQLException {
        return Sql.one(c, STATUS_OF, CertificateSql::status, hex(serial));
    }

    static List<CertificateStatus> revoked(Connection c) throws SQLException {
        return Sql.list(c, SELECT_STATUS + "WHERE revoked = 1 ORDER BY revoked_at, serial", CertificateSql::status);
    }

    /**
     * Certificates, each with its audit entry (in list order; good is the absence of a revocation), in the caller's
     * transaction. Refuses — before writing anything — a serial already stored (or twice in the
     * list), a device never registered, and a key that is not the device's own, naming the first
     * certificate refused. The checks read all certificates' rows in one query each, and the rows
     * are written by one statement per table ({@link Dialect#insertRows}: a prepared INSERT batch on
     * SQLite, one binary COPY on PostgreSQL), so a group commit of many certificates costs a few
     * statements, not eight per certificate.
     */
    static void recordIssuances(Tx tx, List<IssuedCertificate> certs, String actor) throws SQLException, StoreException {
        Connection c = tx.connection();
        List<String> serials = certs.stream().map(cert -> hex(cert.serial())).toList();
        Set<String> stored = new HashSet<>(Sql.in(c, "SELECT serial FROM certificates WHERE serial IN ", serials,
                rs -> rs.getString(1)));
        Map<String, String> deviceKeys = new HashMap<>();
        for (String[] row : Sql.in(c, "SELECT dev_id, spki_sha256 FROM devices WHERE dev_id IN ",
                certs.stream().map(IssuedCertificate::devId).distinct().toList(),
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            deviceKeys.put(row[0], row[1]);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < certs.size(); i++) {
            IssuedCertificate cert = certs.get(i);
            String serial = serials.get(i);
            if (stored.contains(serial) || !seen.add(serial)) {
                throw new StoreException(Kind.CONFLICT, "serial " + serial + " is already issued");
            }
            String deviceKey = deviceKeys.get(cert.devId());
            if (deviceKey == null) {
                throw new StoreException(Kind.NOT_FOUND,
                        "no device " + cert.devId() + ": register it before recording its certificate");
            }
            if (!deviceKey.equals(cert.spkiSha256())) {
                Optional<DeviceRecord> owner = DeviceSql.byKey(c, cert.spkiSha256());
                throw new StoreException(Kind.CONFLICT, owner.isPresent()
                        ? "key " + DeviceSql.abbreviate(cert.spkiSha256()) + " is bound to device " + owner.get().devId()
                        + ", not " + cert.devId()
                        : "the certificate's key is not the key of device " + cert.devId());
            }
        }
        long rev = tx.claimRevisions(certs.size());
        List<Object[]> certificateRows = new ArrayList<>(certs.size());
        List<AuditSql.Entry> audit = new ArrayList<>(certs.size());
        for (int i = 0; i < certs.size(); i++) {
            IssuedCertificate cert = certs.get(i);
            String serial = serials.get(i);
            certificateRows.add(new Object[] {serial, cert.devId(), cert.spkiSha256(), cert.subject(),
                Sql.millis(cert.notBefore()), Sql.millis(cert.notAfter()), Sql.millis(cert.issuedAt()), cert.der(), rev + i});
            audit.add(new AuditSql.Entry(cert.issuedAt(), actor, "issue", serial, "device " + cert.devId() + ", not after "
                    + cert.notAfter().truncatedTo(ChronoUnit.SECONDS) + ", subject " + oneLine(cert.subject())));
        }
        tx.insertRows("certificates", COLUMNS, certificateRows);
        AuditSql.appendAll(tx, audit);
    }

    /** Revokes in the caller's transaction; false (and nothing written) if already revoked. */
    static boolean revoke(Tx tx, BigInteger serial, RevocationReason reason, Instant at, String actor)
            throws SQLException, StoreException {
        Connection c = tx.connection();
        CertificateStatus now = status(c, serial).orElseThrow(() -> new StoreException(Kind.NOT_FOUND,
                "no certificate with serial " + hex(serial)));
        if (now.revoked()) {
            tx.discard();
            return false;
        }
        Sql.update(c, "INSERT INTO cert_status (serial, revoked, revoked_at, reason) VALUES (?, 1, ?, ?)",
                hex(serial), Sql.millis(at), reason.code());
        AuditSql.append(tx, at, actor, "revoke", hex(serial), "reason " + reason.rfcName());
        return true;
    }

    /** A subject DN may carry escaped control characters; the audit detail stays one line. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
