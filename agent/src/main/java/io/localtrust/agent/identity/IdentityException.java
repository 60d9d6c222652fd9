package io.localtrust.agent.identity;

/**
 * The device's identity cannot be made or opened: a one-line reason a person can act on (a
 * missing or damaged key store, a wrong PIN, a state directory that is not the device's).
 * Never carries key material.
 */
public final class IdentityException extends Exception {
    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
