package io.localtrust.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The append-only, hash-chained audit log. */
public interface AuditLog {

    /**
     * Appends an entry (its own transaction) and returns it with its sequence number and hash.
     * Appends from several threads or processes are serialised: the chain never forks.
     *
     * @throws IllegalArgumentException if a field contains a line break
     */
    AuditEvent append(Instant at, String actor, String action, String subject, String detail) throws StoreException;

    /** Entries from {@code fromSeq} on, at most {@code limit}. */
    List<AuditEvent> events(long fromSeq, int limit) throws StoreException;

    /**
     * Recomputes the chain.
     *
     * @return empty if intact, else a one-line description of the first broken entry
     *         ("entry 17: hash does not match its contents", "entry 18 missing",
     *         "entry 19: previous hash does not match entry 18"); a deleted last entry is caught
     *         by the chain head the store keeps beside the log
     */
    Optional<String> verify() throws StoreException;
}
