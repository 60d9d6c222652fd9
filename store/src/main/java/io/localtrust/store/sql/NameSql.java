package io.localtrust.store.sql;

import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.NameStore.Certifies;
import io.localtrust.store.NameStore.Claim;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.NameStore.NameClaim;
import io.localtrust.store.NameStore.Replaced;
import io.localtrust.store.StoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code name_bindings} table. A claim's check and write are one write transaction, and write
 * transactions are serialised on both backends (the revision bump; {@code BEGIN IMMEDIATE}), so
 * "is the name free? then take it" cannot interleave with another device's.
 */
final class NameSql {
    private static final String SELECT = "SELECT name, address, dev_id, bound_at, claimed_until FROM name_bindings ";

    private NameSql() {
    }

    /** A row: its binding and, while a claim is in flight, the claim's end. */
    private record Row(NameBinding binding, Optional<Instant> claimedUntil) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        long until = rs.getLong(5);
        return new Row(new NameBinding(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs.getLong(4))),
                rs.wasNull() ? Optional.empty() : Optional.of(Sql.instant(until)));
    }

    private static Optional<Row> find(Connection c, String name) throws SQLException {
        return Sql.one(c, SELECT + "WHERE name = ?", NameSql::row, NameBinding.normalise(name));
    }

    private static void requireDevice(Connection c, String devId) throws SQLException, StoreException {
        if (Sql.count(c, "SELECT COUNT(*) FROM devices WHERE dev_id = ?", devId) == 0) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no device " + devId);
        }
    }

    static NameBinding bind(Tx tx, NameBinding b) throws SQLException, StoreException {
        Connection c = tx.connection();
        requireDevice(c, b.devId());
        Optional<NameBinding> old = binding(c, b.name());
        if (old.isPresent() && old.get().address().equals(b.address()) && old.get().devId().equals(b.devId())) {
            tx.discard();
            return old.get();
        }
        write(c, old.isPresent(), b, Optional.empty());
        return b;
    }

    private static void write(Connection c, boolean exists, NameBinding b, Optional<Instant> claimedUntil) throws SQLException {
        Long until = claimedUntil.map(Sql::millis).orElse(null);
        if (exists) {
            Sql.update(c, "UPDATE name_bindings SET address = ?, dev_id = ?, bound_at = ?, claimed_until = ? WHERE name = ?",
                    b.address(), b.devId(), Sql.millis(b.boundAt()), until, b.name());
        } else {
            Sql.update(c, "INSERT INTO name_bindings (name, address, dev_id, bound_at, claimed_until) VALUES (?, ?, ?, ?, ?)",
                    b.name(), b.address(), b.devId(), Sql.millis(b.boundAt()), until);
        }
    }

    static Claim claim(Tx tx, List<String> names, String address, String devId, Instant at, Instant until, Certifies certifies)
            throws SQLException, StoreException {
        Connection c = tx.connection();
        requireDevice(c, devId);
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        names.forEach(n -> distinct.add(NameBinding.normalise(n)));
        List<Replaced> replaced = new ArrayList<>();
        for (String name : distinct) {
            Optional<Row> old = find(c, name);
            if (old.isPresent() && !old.get().binding().devId().equals(devId)) {
                NameBinding holder = old.get().binding();
                boolean inFlight = old.get().claimedUntil().filter(at::isBefore).isPresent();
                if (inFlight || certified(c, holder.devId(), name, at, certifies)) {
                    tx.discard(); // nothing of this claim is kept, names taken before this one included
                    return new Claim.Held(holder, inFlight);
                }
            }
            old.ifPresent(r -> replaced.add(new Replaced(r.binding(), r.claimedUntil())));
            write(c, old.isPresent(), new NameBinding(name, address, devId, at), Optional.of(until));
        }
        return new Claim.Taken(new NameClaim(List.copyOf(distinct), address, devId, until, replaced));
    }

    private static boolean certified(Connection c, String devId, String name, Instant at, Certifies certifies) throws SQLException {
        for (IssuedCertificate cert : CertificateSql.liveOfDevice(c, devId, Sql.millis(at))) {
            if (certifies.certifies(cert, name)) {
                return true;
            }
        }
        return false;
    }

    static void settle(Tx tx, NameClaim claim) throws SQLException {
        int n = 0;
        for (String name : claim.names()) {
            n += Sql.update(tx.connection(), "UPDATE name_bindings SET claimed_until = NULL WHERE name = ? AND dev_id = ? "
                    + "AND claimed_until = ?", name, claim.devId(), Sql.millis(claim.until()));
        }
        if (n == 0) {
            tx.discard();
        }
    }

    static void release(Tx tx, NameClaim claim) throws SQLException {
        Connection c = tx.connection();
        int n = 0;
        for (String name : claim.names()) {
            Optional<Row> now = find(c, name);
            boolean ours = now.isPresent() && now.get().binding().devId().equals(claim.devId())
                    && now.get().claimedUntil().equals(Optional.of(claim.until()));
            if (!ours) {
                continue; // settled, released, or taken since: not this claim's to undo
            }
            Optional<Replaced> before = claim.replaced().stream().filter(r -> r.binding().name().equals(name)).findFirst();
            if (before.isPresent()) {
                write(c, true, before.get().binding(), before.get().claimedUntil());
            } else {
                Sql.update(c, "DELETE FROM name_bindings WHERE name = ?", name);
            }
            n++;
        }
        if (n == 0) {
            tx.discard();
        }
    }

    static Optional<NameBinding> binding(Connection c, String name) throws SQLException {
        return find(c, name).map(Row::binding);
    }

    static List<NameBinding> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "ORDER BY name", rs -> row(rs).binding());
    }
}
