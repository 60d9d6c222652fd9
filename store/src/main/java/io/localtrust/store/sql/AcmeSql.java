package io.localtrust.store.sql;

import io.localtrust.store.AcmeStore.AccountStatus;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.AcmeStore.ObjectKind;
import io.localtrust.store.StoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code acme_accounts} and {@code acme_objects} tables. */
final class AcmeSql {
    private static final String ACCOUNT = "SELECT id, thumbprint, jwk, status, contacts, created_at, version FROM acme_accounts ";
    private static final String OBJECT = "SELECT kind, id, account_id, document, created_at, expires_at, version FROM acme_objects ";

    private AcmeSql() {
    }

    /** Contacts are URLs, which cannot hold a newline: one per line. */
    private static String contacts(List<String> contacts) {
        for (String c : contacts) {
            if (c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a contact holds a line break");
            }
        }
        return String.join("\n", contacts);
    }

    private static AcmeAccount account(ResultSet rs) throws SQLException {
        String contacts = rs.getString(5);
        return new AcmeAccount(rs.getString(1), rs.getString(2), rs.getString(3),
                AccountStatus.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                contacts.isEmpty() ? List.of() : Arrays.asList(contacts.split("\n")), Sql.instant(rs.getLong(6)), rs.getLong(7));
    }

    private static AcmeObject object(ResultSet rs) throws SQLException {
        return new AcmeObject(ObjectKind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getString(2), rs.getString(3),
                rs.getString(4), Sql.instant(rs.getLong(5)), Sql.instant(rs.getLong(6)), rs.getLong(7));
    }

    static void addAccount(Connection c, AcmeAccount a) throws SQLException, StoreException {
        if (a.version() != 1) {
            throw new IllegalArgumentException("a new account has version 1");
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM acme_accounts WHERE id = ? OR thumbprint = ?", a.id(), a.thumbprint()) > 0) {
            throw new StoreException(StoreException.Kind.CONFLICT, "an ACME account with this id or key exists");
        }
        Sql.update(c, "INSERT INTO acme_accounts (id, thumbprint, jwk, status, contacts, created_at, version) "
                + "VALUES (?, ?, ?, ?, ?, ?, 1)", a.id(), a.thumbprint(), a.jwk(), a.status().json(), contacts(a.contacts()),
                Sql.millis(a.createdAt()));
    }

    static Optional<AcmeAccount> account(Connection c, String id) throws SQLException {
        return Sql.one(c, ACCOUNT + "WHERE id = ?", AcmeSql::account, id);
    }

    static Optional<AcmeAccount> accountByThumbprint(Connection c, String thumbprint) throws SQLException {
        return Sql.one(c, ACCOUNT + "WHERE thumbprint = ?", AcmeSql::account, thumbprint);
    }

    static boolean updateAccount(Tx tx, AcmeAccount next) throws SQLException, StoreException {
        Connection c = tx.connection();
        if (account(c, next.id()).isEmpty()) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no ACME account " + next.id());
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM acme_accounts WHERE thumbprint = ? AND id <> ?", next.thumbprint(), next.id()) > 0) {
            throw new StoreException(StoreException.Kind.CONFLICT, "the key is another ACME account's");
        }
        int n = Sql.update(c, "UPDATE acme_accounts SET thumbprint = ?, jwk = ?, status = ?, contacts = ?, version = ? "
                + "WHERE id = ? AND version = ?", next.thumbprint(), next.jwk(), next.status().json(), contacts(next.contacts()),
                next.version(), next.id(), next.version() - 1);
        if (n == 0) {
            tx.discard();
        }
        return n == 1;
    }

    static void addObjects(Connection c, List<AcmeObject> objects) throws SQLException, StoreException {
        for (AcmeObject o : objects) {
            if (o.version() != 1) {
                throw new IllegalArgumentException("a new ACME object has version 1");
            }
            if (account(c, o.accountId()).isEmpty()) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no ACME account " + o.accountId());
            }
            if (object(c, o.kind(), o.id()).isPresent()) {
                throw new StoreException(StoreException.Kind.CONFLICT, "an ACME " + o.kind().column() + " " + o.id() + " exists");
            }
            Sql.update(c, "INSERT INTO acme_objects (kind, id, account_id, document, created_at, expires_at, version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, 1)", o.kind().column(), o.id(), o.accountId(), o.document(),
                    Sql.millis(o.createdAt()), Sql.millis(o.expiresAt()));
        }
    }

    static Optional<AcmeObject> object(Connection c, ObjectKind kind, String id) throws SQLException {
        return Sql.one(c, OBJECT + "WHERE kind = ? AND id = ?", AcmeSql::object, kind.column(), id);
    }

    static boolean updateObject(Tx tx, AcmeObject next) throws SQLException, StoreException {
        Connection c = tx.connection();
        if (object(c, next.kind(), next.id()).isEmpty()) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no ACME " + next.kind().column() + " " + next.id());
        }
        int n = Sql.update(c, "UPDATE acme_objects SET document = ?, version = ? WHERE kind = ? AND id = ? AND version = ?",
                next.document(), next.version(), next.kind().column(), next.id(), next.version() - 1);
        if (n == 0) {
            tx.discard();
        }
        return n == 1;
    }

    static List<AcmeObject> objectsOf(Connection c, String accountId, ObjectKind kind, int offset, int limit) throws SQLException {
        return Sql.list(c, OBJECT + "WHERE account_id = ? AND kind = ? ORDER BY created_at, id LIMIT ? OFFSET ?",
                AcmeSql::object, accountId, kind.column(), limit, offset);
    }

    static List<AcmeObject> objectsAfter(Connection c, String accountId, ObjectKind kind, long createdMillis, String id, int limit)
            throws SQLException {
        return Sql.list(c, OBJECT + "WHERE account_id = ? AND kind = ? AND (created_at > ? OR (created_at = ? AND id > ?)) "
                + "ORDER BY created_at, id LIMIT ?", AcmeSql::object, accountId, kind.column(), createdMillis, createdMillis, id, limit);
    }

    static int deleteExpired(Tx tx, long beforeMillis) throws SQLException {
        int n = Sql.update(tx.connection(), "DELETE FROM acme_objects WHERE expires_at < ?", beforeMillis);
        if (n == 0) {
            tx.discard();
        }
        return n;
    }
}
