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
import java.util.List;
import java.util.Optional;

/** The append-only {@code certificates} table and the {@code cert_status} table beside it. */
final class CertificateSql {
    private static final String SELECT =
            "SELECT serial, dev_id, spki_sha256, subject, not_before, not_after, issued_at, der FROM certificates ";
    private static final String SELECT_STATUS = "SELECT serial, revoked, revoked_at, reason FROM cert_status ";

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
        return Sql.one(c, SELECT_STATUS + "WHERE serial = ?", CertificateSql::status, hex(serial));
    }

    static List<CertificateStatus> revoked(Connection c) throws SQLException {
        return Sql.list(c, SELECT_STATUS + "WHERE revoked = 1 ORDER BY revoked_at, serial", CertificateSql::status);
    }

    /**
     * Certificate, good status and audit entry in the caller's transaction. Refuses a serial
     * already stored, a device never registered, and a key that is not the device's own.
     */
    static void recordIssuance(Tx tx, IssuedCertificate cert, String actor) throws SQLException, StoreException {
        Connection c = tx.connection();
        String serial = hex(cert.serial());
        if (Sql.count(c, "SELECT COUNT(*) FROM certificates WHERE serial = ?", serial) > 0) {
            throw new StoreException(Kind.CONFLICT, "serial " + serial + " is already issued");
        }
        String deviceKey = Sql.one(c, "SELECT spki_sha256 FROM devices WHERE dev_id = ?", rs -> rs.getString(1),
                cert.devId()).orElseThrow(() -> new StoreException(Kind.NOT_FOUND,
                "no device " + cert.devId() + ": register it before recording its certificate"));
        if (!deviceKey.equals(cert.spkiSha256())) {
            Optional<DeviceRecord> owner = DeviceSql.byKey(c, cert.spkiSha256());
            throw new StoreException(Kind.CONFLICT, owner.isPresent()
                    ? "key " + DeviceSql.abbreviate(cert.spkiSha256()) + " is bound to device " + owner.get().devId()
                    + ", not " + cert.devId()
                    : "the certificate's key is not the key of device " + cert.devId());
        }
        Sql.update(c, "INSERT INTO certificates (serial, dev_id, spki_sha256, subject, not_before, not_after, "
                        + "issued_at, der, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                serial, cert.devId(), cert.spkiSha256(), cert.subject(), Sql.millis(cert.notBefore()),
                Sql.millis(cert.notAfter()), Sql.millis(cert.issuedAt()), cert.der(), tx.claimRevision());
        Sql.update(c, "INSERT INTO cert_status (serial, revoked, revoked_at, reason) VALUES (?, 0, NULL, NULL)", serial);
        AuditSql.append(tx, cert.issuedAt(), actor, "issue", serial, "device " + cert.devId() + ", not after "
                + cert.notAfter().truncatedTo(ChronoUnit.SECONDS) + ", subject " + oneLine(cert.subject()));
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
        Sql.update(c, "UPDATE cert_status SET revoked = 1, revoked_at = ?, reason = ? WHERE serial = ? AND revoked = 0",
                Sql.millis(at), reason.code(), hex(serial));
        AuditSql.append(tx, at, actor, "revoke", hex(serial), "reason " + reason.rfcName());
        return true;
    }

    /** A subject DN may carry escaped control characters; the audit detail stays one line. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
