package io.localtrust.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit log entry. The log is append-only and hash-chained: {@code hash} is SHA-256 over
 * {@code prevHash} and this entry's fields ({@link AuditHashes} has the exact formula), so
 * editing or deleting a row breaks the chain ({@link AuditLog#verify()}).
 *
 * @param seq      position in the log, from 1, gapless
 * @param at       when, kept to the millisecond
 * @param actor    who ("admin-api", "cli:root", "pairing-code", "acme:account/12")
 * @param action   what ("issue", "approve", "deny", "revoke", "allow", "register")
 * @param subject  on what (a dev-id, a serial, a name)
 * @param detail   free text, one line, never key material (actor, action and subject are one line too)
 * @param prevHash the previous entry's hash (64 zeros for the first)
 * @param hash     this entry's hash, lowercase hex
 */
public record AuditEvent(long seq, Instant at, String actor, String action, String subject, String detail,
                         String prevHash, String hash) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
