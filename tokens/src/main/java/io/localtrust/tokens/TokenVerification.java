package io.localtrust.tokens;

import io.localtrust.x509.CertChain;
import java.util.Objects;

/**
 * The outcome of verifying a status token: the verified claims, or one failure code with a
 * one-line message. Bad tokens never surface as exceptions.
 */
public sealed interface TokenVerification {

    /** Whether the token passed every check. */
    boolean valid();

    /**
     * A token that passed every check.
     *
     * @param format the token's encoding
     * @param claims its claims
     * @param chain  the chain it carried (leaf first); its leaf key is the TLS key. The chain
     *               itself is not validated here: the TLS connection's chain is the trust engine's.
     */
    record Verified(TokenFormat format, StatusClaims claims, CertChain chain) implements TokenVerification {
        public Verified {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(chain, "chain");
        }

        @Override
        public boolean valid() {
            return true;
        }
    }

    /** A token that failed a check: the first check it failed, and why, on one line. */
    record Rejected(TokenFailure failure, String message) implements TokenVerification {
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
            return "status token rejected: " + failure + ": " + message;
        }
    }
}
