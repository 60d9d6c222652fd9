package io.localtrust.names.store;

import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.locality.Cidr;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link NamesStore} over JDBC, the same SQL on SQLite and PostgreSQL ({@link NamesStores} opens
 * one or the other). A write is one transaction that first bumps {@code names_meta.revision}: on
 * PostgreSQL that row's lock orders writers of every responder, so rows stamped with a revision
 * are committed in revision order and {@link #changesSince} misses none; on SQLite the database
 * has one writer anyway, and writers in this process queue on a lock instead of on busy retries.
 */
final class SqlNamesStore implements NamesStore {
    private static final String ACCOUNT_COLUMNS = "username, key_hash, subdomain, allow_from, device_key, created_at";
    private final HikariDataSource pool;
    private final Errors errors;
    private final String description;
    private final ReentrantLock writer = new ReentrantLock();
    private final AtomicLong localWrites = new AtomicLong();

    /** Turns a database failure into the one-line {@link StoreException} of the backend. */
    @FunctionalInterface
    interface Errors {
        StoreException translate(SQLException e);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, StoreException;
    }

    SqlNamesStore(HikariDataSource pool, Errors errors, String description) {
        this.pool = pool;
        this.errors = errors;
        this.description = description;
    }

    @Override
    public void register(Account a) throws StoreException {
        write(c -> {
            long rev = bump(c);
            update(c, "INSERT INTO names_account (" + ACCOUNT_COLUMNS + ", revision) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    a.username(), a.keyHash(), a.subdomain(), cidrs(a.allowFrom()), a.deviceKey().orElse(null),
                    a.created().toEpochMilli(), rev);
            return null;
        });
    }

    @Override
    public Account rotate(String deviceKey, String keyHash, List<Cidr> allowFrom) throws StoreException {
        return write(c -> {
            bump(c);
            int n = update(c, "UPDATE names_account SET key_hash = ?, allow_from = ? WHERE device_key = ?",
                    keyHash, cidrs(allowFrom), deviceKey);
            if (n == 0) {
                throw new StoreException(Kind.NOT_FOUND, "no device registered with that key");
            }
            return one(c, "SELECT " + ACCOUNT_COLUMNS + " FROM names_account WHERE device_key = ?", deviceKey).orElseThrow();
        });
    }

    @Override
    public Optional<Account> account(String username) throws StoreException {
        return read(c -> one(c, "SELECT " + ACCOUNT_COLUMNS + " FROM names_account WHERE username = ?", username));
    }

    @Override
    public Optional<Account> byDeviceKey(String deviceKey) throws StoreException {
        return read(c -> one(c, "SELECT " + ACCOUNT_COLUMNS + " FROM names_account WHERE device_key = ?", deviceKey));
    }

    @Override
    public void setTxt(String subdomain, String value, Instant at) throws StoreException {
        write(c -> {
            long rev = bump(c);
            int n = update(c, "UPDATE names_account SET txt_old = txt_new, txt_new = ?, txt_at = ?, revision = ? WHERE subdomain = ?",
                    value, at.toEpochMilli(), rev, subdomain);
            if (n == 0) {
                throw new StoreException(Kind.NOT_FOUND, "no account has the subdomain " + subdomain);
            }
            return null;
        });
    }

    @Override
    public void clearTxt(String subdomain, String value) throws StoreException {
        write(c -> {
            long rev = bump(c);
            update(c, "UPDATE names_account SET txt_old = CASE WHEN txt_old = ? THEN NULL ELSE txt_old END,"
                    + " txt_new = CASE WHEN txt_new = ? THEN NULL ELSE txt_new END, revision = ? WHERE subdomain = ?"
                    + " AND (txt_old = ? OR txt_new = ?)", value, value, rev, subdomain, value, value);
            return null;
        });
    }

    @Override
    public void setAddress(String subdomain, String address, Instant at) throws StoreException {
        write(c -> {
            long rev = bump(c);
            int n = update(c, "UPDATE names_account SET address = ?, address_at = ?, revision = ? WHERE subdomain = ?",
                    address, at.toEpochMilli(), rev, subdomain);
            if (n == 0) {
                throw new StoreException(Kind.NOT_FOUND, "no account has the subdomain " + subdomain);
            }
            return null;
        });
    }

    @Override
    public boolean useProof(String jti, Instant expires, Instant now) throws StoreException {
        return write(c -> {
            bump(c);
            update(c, "DELETE FROM names_proof WHERE expires_at < ?", now.toEpochMilli());
            // the write lock is held (the revision row): a check then insert cannot race another writer
            try (PreparedStatement q = prepare(c, "SELECT 1 FROM names_proof WHERE jti = ?", jti); ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            update(c, "INSERT INTO names_proof (jti, expires_at) VALUES (?, ?)", jti, expires.toEpochMilli());
            return true;
        });
    }

    @Override
    public long revision() throws StoreException {
        return read(SqlNamesStore::currentRevision);
    }

    @Override
    public Changes changesSince(long revision) throws StoreException {
        return read(c -> {
            long now = currentRevision(c);
            List<ZoneEntry> entries = new ArrayList<>();
            try (PreparedStatement q = prepare(c, "SELECT subdomain, address, txt_old, txt_new FROM names_account"
                    + " WHERE revision > ? AND revision <= ?", revision, now)) {
                q.setFetchSize(1000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        List<String> txt = new ArrayList<>(2);
                        Optional.ofNullable(rs.getString(3)).ifPresent(txt::add);
                        Optional.ofNullable(rs.getString(4)).ifPresent(txt::add);
                        entries.add(new ZoneEntry(rs.getString(1), Optional.ofNullable(rs.getString(2)), txt));
                    }
                }
            }
            return new Changes(now, entries);
        });
    }

    @Override
    public long localWrites() {
        return localWrites.get();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static long currentRevision(Connection c) throws SQLException, StoreException {
        try (PreparedStatement q = c.prepareStatement("SELECT revision FROM names_meta WHERE id = 1"); ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException(Kind.CORRUPT, "the names store's metadata row is missing");
            }
            return rs.getLong(1);
        }
    }

    /** The first statement of every write: the new revision, and (PostgreSQL) the lock that orders writers. */
    private static long bump(Connection c) throws SQLException, StoreException {
        try (PreparedStatement up = c.prepareStatement("UPDATE names_meta SET revision = revision + 1 WHERE id = 1 RETURNING revision");
             ResultSet rs = up.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException(Kind.CORRUPT, "the names store's metadata row is missing");
            }
            return rs.getLong(1);
        }
    }

    private <T> T read(Work<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    private <T> T write(Work<T> work) throws StoreException {
        writer.lock();
        try (Connection c = pool.getConnection()) {
            boolean done = false;
            try {
                T result = work.run(c);
                c.commit();
                done = true;
                localWrites.incrementAndGet();
                return result;
            } finally {
                if (!done) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw errors.translate(e);
        } finally {
            writer.unlock();
        }
    }

    private static Optional<Account> one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement q = prepare(c, sql, args); ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Account(rs.getString(1), rs.getString(2), rs.getString(3), parseCidrs(rs.getString(4)),
                    Optional.ofNullable(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6))));
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement u = prepare(c, sql, args)) {
            return u.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case null -> p.setObject(i + 1, null);
                    case String s -> p.setString(i + 1, s);
                    case Long l -> p.setLong(i + 1, l);
                    default -> throw new IllegalArgumentException("cannot bind a " + args[i].getClass().getSimpleName());
                }
            }
            return p;
        } catch (SQLException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private static String cidrs(List<Cidr> ranges) {
        return String.join(",", ranges.stream().map(Cidr::toString).toList());
    }

    private static List<Cidr> parseCidrs(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Cidr::parse).toList();
    }
}
