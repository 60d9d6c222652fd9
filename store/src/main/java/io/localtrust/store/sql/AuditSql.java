package io.localtrust.store.sql;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.AuditHashes;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code audit} table and the chain head in {@code store_meta}. Appends run inside a write
 * transaction, which holds the store's single-writer lock (see {@link Dialect#beginWrite}), so
 * reading the head and writing the next entry cannot interleave with another writer.
 */
final class AuditSql {
    private static final String SELECT = "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ";
    /** The columns an entry is written with, in the order of its row values. */
    private static final List<String> COLUMNS = List.of("seq", "at", "actor", "action", "subject", "detail", "prev_hash",
            "hash");

    private AuditSql() {
    }

    private static AuditEvent row(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong(1), Sql.instant(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }

    /** The chain head: the last entry's number and hash. */
    private record Head(long seq, String hash) {
    }

    private static Head head(Connection c) throws SQLException, StoreException {
        return Sql.one(c, "SELECT audit_seq, audit_hash FROM store_meta WHERE id = 1",
                        rs -> new Head(rs.getLong(1), rs.getString(2)))
                .orElseThrow(() -> new StoreException(Kind.CORRUPT, "the store's metadata row is missing"));
    }

    /** Appends the next entry; {@code at} is kept to the millisecond, as stored and hashed. */
    static AuditEvent append(Tx tx, Instant at, String actor, String action, String subject, String detail)
            throws SQLException, StoreException {
        AuditHashes.requireOneLine("actor", actor);
        AuditHashes.requireOneLine("action", action);
        AuditHashes.requireOneLine("subject", subject);
        AuditHashes.requireOneLine("detail", detail);
        Connection c = tx.connection();
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        Head head = head(c);
        long seq = head.seq() + 1;
        String hash = AuditHashes.hash(head.hash(), seq, when, actor, action, subject, detail);
        Sql.update(c, "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", seq, Sql.millis(when), actor, action, subject, detail, head.hash(), hash);
        Sql.update(c, "UPDATE store_meta SET audit_seq = ?, audit_hash = ? WHERE id = 1", seq, hash);
        return new AuditEvent(seq, when, actor, action, subject, detail, head.hash(), hash);
    }

    /** One entry to append. */
    record Entry(Instant at, String actor, String action, String subject, String detail) {
    }

    /**
     * Appends entries in list order, as many {@link #append} calls would, with one read of the
     * chain head, one batch of inserts and one head update.
     */
    static void appendAll(Tx tx, List<Entry> entries) throws SQLException, StoreException {
        if (entries.isEmpty()) {
            return;
        }
        for (Entry e : entries) {
            AuditHashes.requireOneLine("actor", e.actor());
            AuditHashes.requireOneLine("action", e.action());
            AuditHashes.requireOneLine("subject", e.subject());
            AuditHashes.requireOneLine("detail", e.detail());
        }
        Connection c = tx.connection();
        Head head = head(c);
        long seq = head.seq();
        String prev = head.hash();
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            seq++;
            Instant when = e.at().truncatedTo(ChronoUnit.MILLIS);
            String hash = AuditHashes.hash(prev, seq, when, e.actor(), e.action(), e.subject(), e.detail());
            rows.add(new Object[] {seq, Sql.millis(when), e.actor(), e.action(), e.subject(), e.detail(), prev, hash});
            prev = hash;
        }
        tx.insertRows("audit", COLUMNS, rows);
        Sql.update(c, "UPDATE store_meta SET audit_seq = ?, audit_hash = ? WHERE id = 1", seq, prev);
    }

    static List<AuditEvent> events(Connection c, long fromSeq, int limit) throws SQLException {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return Sql.list(c, SELECT + "WHERE seq >= ? ORDER BY seq LIMIT ?", AuditSql::row, fromSeq, limit);
    }

    /**
     * Walks the whole chain in one snapshot and names the first entry that is missing, edited or
     * out of chain; finally checks the head, which catches a deleted last entry.
     */
    static Optional<String> verify(Connection c) throws SQLException, StoreException {
        Head head = head(c);
        long expected = 1;
        String prev = AuditHashes.GENESIS;
        try (PreparedStatement q = c.prepareStatement(SELECT + "ORDER BY seq")) {
            q.setFetchSize(1000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    AuditEvent e = row(rs);
                    if (e.seq() != expected) {
                        return Optional.of("entry " + expected + " missing");
                    }
                    if (!e.prevHash().equals(prev)) {
                        return Optional.of(e.seq() == 1 ? "entry 1: previous hash is not the genesis value"
                                : "entry " + e.seq() + ": previous hash does not match entry " + (e.seq() - 1));
                    }
                    if (!AuditHashes.matches(e)) {
                        return Optional.of("entry " + e.seq() + ": hash does not match its contents");
                    }
                    prev = e.hash();
                    expected++;
                }
            }
        }
        long last = expected - 1;
        if (head.seq() > last) {
            return Optional.of("entry " + expected + " missing (the log head is entry " + head.seq() + ")");
        }
        if (head.seq() < last) {
            return Optional.of("entry " + (head.seq() + 1) + ": not in the log head (appended outside the store)");
        }
        if (!head.hash().equals(prev)) {
            return Optional.of("entry " + last + ": hash does not match the log head");
        }
        return Optional.empty();
    }
}
