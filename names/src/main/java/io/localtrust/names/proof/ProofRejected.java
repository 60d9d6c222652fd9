package io.localtrust.names.proof;

/**
 * A registration proof that proves nothing: the message is one line naming what is wrong
 * ("registration proof rejected: …", nimbus's pattern), never key material.
 */
public final class ProofRejected extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, for the API's status: unreadable (400) or unconvincing (401). */
    public enum Reason {
        /** Not a compact JWS, or its header or claims do not parse. */
        MALFORMED,
        /** Well-formed but not acceptable: bad signature, wrong audience, too old, replayed, weak key. */
        REFUSED
    }

    private final Reason reason;

    ProofRejected(Reason reason, String detail) {
        super("registration proof rejected: " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
