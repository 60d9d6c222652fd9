package io.localtrust.scanner;

/**
 * A target the user typed that cannot be scanned: not an address, range, CIDR or {@code host:port},
 * too large, or public without {@code --allow-public}. The message names the target and the problem.
 */
public final class TargetException extends Exception {
    private static final long serialVersionUID = 1L;

    public TargetException(String message) {
        super(message);
    }
}
