package io.localtrust.store;

/**
 * A store operation that did not happen. Nothing was written when this is thrown: every write
 * is one transaction. The message is one line fit for a user and never contains key material.
 */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why it failed, for callers that react differently. */
    public enum Kind {
        /** The record asked for does not exist. */
        NOT_FOUND,
        /** A uniqueness rule refused the write: a serial issued twice, a key bound to another device. */
        CONFLICT,
        /** The store does not exist, or is not a localtrust store, or its schema is damaged. */
        CORRUPT,
        /** The database could not be reached or written (disk full, permissions, connection). */
        UNAVAILABLE
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
