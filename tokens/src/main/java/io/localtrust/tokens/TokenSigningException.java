package io.localtrust.tokens;

/**
 * A device cannot sign status tokens: its key type is not one tokens use, the key does not
 * belong to its certificate, the chain is too large, or the key (a PKCS#11 token) failed to sign.
 * The message is one line, and never holds key material.
 */
public final class TokenSigningException extends Exception {
    private static final long serialVersionUID = 1L;

    public TokenSigningException(String message) {
        super(message);
    }

    public TokenSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
