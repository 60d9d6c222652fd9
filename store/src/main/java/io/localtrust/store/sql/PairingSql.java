package io.localtrust.store.sql;

import io.localtrust.store.PairingStore.PairingGrant;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code pairing_grants} table. */
final class PairingSql {
    private static final String SELECT = "SELECT kid, names, created_at, until_at, actor, holder, bound_at FROM pairing_grants ";

    private PairingSql() {
    }

    private static PairingGrant row(ResultSet rs) throws SQLException {
        String names = rs.getString(2);
        long bound = rs.getLong(7);
        Optional<Instant> boundAt = rs.wasNull() ? Optional.empty() : Optional.of(Sql.instant(bound));
        return new PairingGrant(rs.getString(1), names.isEmpty() ? List.of() : Arrays.asList(names.split("\n")),
                Sql.instant(rs.getLong(3)), Sql.instant(rs.getLong(4)), rs.getString(5), Optional.ofNullable(rs.getString(6)), boundAt);
    }

    static void add(Tx tx, PairingGrant g) throws SQLException, StoreException {
        Connection c = tx.connection();
        for (String n : g.names()) {
            if (n.isEmpty() || n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a granted name is one non-empty line");
            }
        }
        if (g.holder().isPresent()) {
            throw new IllegalArgumentException("a new grant is not redeemed yet");
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM pairing_grants WHERE kid = ?", g.kid()) > 0) {
            throw new StoreException(Kind.CONFLICT, "a pairing grant with this kid exists");
        }
        Sql.update(c, "INSERT INTO pairing_grants (kid, names, created_at, until_at, actor) VALUES (?, ?, ?, ?, ?)",
                g.kid(), String.join("\n", g.names()), Sql.millis(g.createdAt()), Sql.millis(g.until()), g.actor());
        AuditSql.append(tx, g.createdAt(), g.actor(), "pair", g.kid(), (g.names().isEmpty() ? "any name" : String.join(", ", g.names()))
                + "; until " + g.until().truncatedTo(ChronoUnit.SECONDS));
    }

    static Optional<PairingGrant> byKid(Connection c, String kid) throws SQLException {
        return Sql.one(c, SELECT + "WHERE kid = ?", PairingSql::row, kid);
    }

    static List<PairingGrant> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "ORDER BY created_at DESC, kid", PairingSql::row);
    }

    static List<PairingGrant> ofHolder(Connection c, String holder) throws SQLException {
        return Sql.list(c, SELECT + "WHERE holder = ? ORDER BY created_at, kid", PairingSql::row, holder);
    }

    /** Redeems if unredeemed and open: the UPDATE's condition is the check. False (and nothing written) otherwise. */
    static boolean redeem(Tx tx, String kid, String holder, Instant at) throws SQLException, StoreException {
        Connection c = tx.connection();
        int n = Sql.update(c, "UPDATE pairing_grants SET holder = ?, bound_at = ? WHERE kid = ? AND holder IS NULL AND until_at > ?",
                holder, Sql.millis(at), kid, Sql.millis(at));
        if (n == 1) {
            AuditSql.append(tx, at, holder, "pair-redeem", kid, "redeemed as ACME External Account Binding");
            return true;
        }
        if (byKid(c, kid).isEmpty()) {
            throw new StoreException(Kind.NOT_FOUND, "no pairing grant " + kid);
        }
        tx.discard();
        return false;
    }
}
