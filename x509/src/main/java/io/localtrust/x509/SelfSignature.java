package io.localtrust.x509;

import java.util.function.BooleanSupplier;

/**
 * Whether a certificate's signature verifies with its own public key — checked on first use
 * and remembered. Parsing stays cheap (a scanner reads many chains whose root it never needs to
 * verify); the answer is computed once when a classifier or report asks.
 */
public final class SelfSignature {
    private static final int UNKNOWN = 0;
    private static final int YES = 1;
    private static final int NO = 2;

    private final BooleanSupplier check;
    /** Decided by the certificate's fields, not by its signature: the same for any signature value. */
    private final boolean fixed;
    private volatile int state;

    SelfSignature(BooleanSupplier check) {
        this(check, false);
    }

    private SelfSignature(BooleanSupplier check, boolean fixed) {
        this.check = check;
        this.fixed = fixed;
    }

    /** A known answer (for certificates that cannot be self-signed). */
    static SelfSignature known(boolean value) {
        SelfSignature s = new SelfSignature(() -> value, true);
        s.state = value ? YES : NO;
        return s;
    }

    /** Whether the answer follows from the certificate's fields alone (so it holds for another signature too). */
    boolean fixed() {
        return fixed;
    }

    /** True when the signature verifies with the certificate's own key. */
    public boolean verified() {
        int s = state;
        if (s == UNKNOWN) {
            s = check.getAsBoolean() ? YES : NO;
            state = s; // racing threads compute the same answer; either write is correct
        }
        return s == YES;
    }

    @Override
    public String toString() {
        int s = state;
        return s == UNKNOWN ? "SelfSignature[unchecked]" : "SelfSignature[" + (s == YES) + "]";
    }
}
