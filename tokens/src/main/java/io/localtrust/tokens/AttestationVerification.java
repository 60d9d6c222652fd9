package io.localtrust.tokens;

import io.localtrust.x509.Cert;
import java.util.Objects;

/** The outcome of checking an attestation token: what it says and who signed it, or why it counts for nothing. */
public sealed interface AttestationVerification {
    boolean valid();

    /**
     * A binding from a configured authority.
     *
     * @param claims what it says
     * @param anchor the attestation anchor whose key signed it
     */
    record Verified(AttestationClaims claims, Cert anchor) implements AttestationVerification {
        public Verified {
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(anchor, "anchor");
        }

        @Override
        public boolean valid() {
            return true;
        }
    }

    /** Not a binding: the failure and one line on it (text from the token made printable and bounded). */
    record Rejected(TokenFailure failure, String message) implements AttestationVerification {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public String toString() {
            return "attestation rejected: " + failure + ": " + message;
        }
    }
}
