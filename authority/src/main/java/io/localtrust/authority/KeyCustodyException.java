package io.localtrust.authority;

/** A CA key that cannot be written or read (wrong passphrase, missing or damaged file). One-line message. */
public final class KeyCustodyException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyCustodyException(String message) {
        super(message);
    }

    public KeyCustodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
