package io.localtrust.practice.context;

/** A trust-context input (anchor bundle, key list) that cannot be used; one-line message naming the file. */
public final class ContextException extends Exception {
    private static final long serialVersionUID = 1L;

    public ContextException(String message) {
        super(message);
    }
}
