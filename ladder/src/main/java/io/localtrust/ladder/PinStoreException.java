package io.localtrust.ladder;

/** The pin file cannot be read or written; the message names the file (and line) and the problem. */
public final class PinStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public PinStoreException(String message) {
        super(message);
    }
}
