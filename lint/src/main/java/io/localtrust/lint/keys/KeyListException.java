package io.localtrust.lint.keys;

/** A compromised-key list that cannot be used; the one-line message names the file (and line). */
public final class KeyListException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyListException(String message) {
        super(message);
    }
}
