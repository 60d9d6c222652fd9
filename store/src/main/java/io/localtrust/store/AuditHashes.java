package io.localtrust.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The audit chain's hash, defined here and only here, so that any verifier (the store, the CLI,
 * an auditor with a copy of the table) computes the same value.
 *
 * <pre>
 * hash = lowercase hex of SHA-256( UTF-8 of
 *          prevHash + "\n" + seq + "\n" + at + "\n" + actor + "\n" + action + "\n" + subject + "\n" + detail )
 * </pre>
 *
 * where {@code seq} is decimal, {@code at} is ISO-8601 UTC as {@link Instant#toString()} prints it
 * (the store keeps milliseconds, so {@code 2026-03-01T10:00:00.120Z} or {@code 2026-03-01T10:00:00Z}),
 * and {@code prevHash} is the previous entry's hash, {@link #GENESIS} for entry 1. No field may
 * contain a line break, so the encoding is unambiguous.
 */
public final class AuditHashes {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHashes() {
    }

    /** The hash of an entry with these contents, chained to {@code prevHash}. */
    public static String hash(String prevHash, long seq, Instant at, String actor, String action, String subject,
                              String detail) {
        String text = String.join("\n", prevHash, Long.toString(seq), at.toString(), actor, action, subject, detail);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether an entry's stored hash matches its contents and its stored previous hash. */
    public static boolean matches(AuditEvent event) {
        return hash(event.prevHash(), event.seq(), event.at(), event.actor(), event.action(), event.subject(),
                event.detail()).equals(event.hash());
    }

    /**
     * Returns {@code value}, or refuses a field that would make the encoding ambiguous.
     *
     * @throws IllegalArgumentException if it contains a line break
     */
    public static String requireOneLine(String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("audit " + name + " must be one line");
        }
        return value;
    }
}
