package io.localtrust.authority;

import java.util.Objects;

/** The authority refused a request; nothing was signed or stored. The message is one line. */
public final class IssuanceRefused extends Exception {
    private static final long serialVersionUID = 1L;
    private final Refusal refusal;

    public IssuanceRefused(Refusal refusal, String message) {
        super(message);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public IssuanceRefused(Refusal refusal, String message, Throwable cause) {
        super(message, cause);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public Refusal refusal() {
        return refusal;
    }
}
