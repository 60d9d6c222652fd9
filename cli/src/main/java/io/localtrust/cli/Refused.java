package io.localtrust.cli;

/** The gateway's policy said no (pending approval, denied, key already bound…): one line, exit code 3. */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
        super(message);
    }
}
