package io.localtrust.gateway;

/** The gateway cannot start: a port in use, an unusable address, no name to certify. One line for a user. */
public final class StartupRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupRefused(String message) {
        super(message);
    }

    public StartupRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
