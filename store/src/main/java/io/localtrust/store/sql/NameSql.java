package io.localtrust.store.sql;

import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code name_bindings} table. */
final class NameSql {
    private static final String SELECT = "SELECT name, address, dev_id, bound_at FROM name_bindings ";

    private NameSql() {
    }

    private static NameBinding binding(ResultSet rs) throws SQLException {
        return new NameBinding(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs.getLong(4)));
    }

    static NameBinding bind(Tx tx, NameBinding b) throws SQLException, StoreException {
        Connection c = tx.connection();
        if (Sql.count(c, "SELECT COUNT(*) FROM devices WHERE dev_id = ?", b.devId()) == 0) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no device " + b.devId());
        }
        Optional<NameBinding> old = binding(c, b.name());
        if (old.isPresent() && old.get().address().equals(b.address()) && old.get().devId().equals(b.devId())) {
            tx.discard();
            return old.get();
        }
        if (old.isPresent()) {
            Sql.update(c, "UPDATE name_bindings SET address = ?, dev_id = ?, bound_at = ? WHERE name = ?",
                    b.address(), b.devId(), Sql.millis(b.boundAt()), b.name());
        } else {
            Sql.update(c, "INSERT INTO name_bindings (name, address, dev_id, bound_at) VALUES (?, ?, ?, ?)",
                    b.name(), b.address(), b.devId(), Sql.millis(b.boundAt()));
        }
        return b;
    }

    static Optional<NameBinding> binding(Connection c, String name) throws SQLException {
        return Sql.one(c, SELECT + "WHERE name = ?", NameSql::binding, NameBinding.normalise(name));
    }

    static List<NameBinding> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "ORDER BY name", NameSql::binding);
    }
}
