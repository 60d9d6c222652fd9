package io.localtrust.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What CRLs say about one certificate of a validated path (RFC 5280 §6.3).
 *
 * @param state   good, revoked, not covered by any usable CRL, or the bytes are no CRL at all
 * @param message one line naming the CRL that decided, or why none applied
 * @param nextUpdate the earliest nextUpdate of the CRLs given (how long the answer may be kept); empty when none names one
 */
public record CrlStatus(State state, String message, Optional<Instant> nextUpdate) {
    /** The certificate's status from the CRLs given. */
    public enum State {
        /** A current CRL signed by the issuer (or its CRL signer) covers the certificate and does not list it. */
        GOOD,
        /** A current, correctly signed CRL lists the certificate. */
        REVOKED,
        /** No CRL given is current, correctly signed and in scope for the certificate. */
        NOT_COVERED,
        /** Bytes given are not a CRL (not DER, not a CertificateList): whoever served them is broken. */
        MALFORMED
    }

    public CrlStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }
}
