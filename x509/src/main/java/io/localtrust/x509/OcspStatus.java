package io.localtrust.x509;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an OCSP response (RFC 6960) says about one certificate, after checking it.
 *
 * @param status          the certificate's status in the response
 * @param revokedAt       revocation time, when revoked
 * @param revocationReason CRLReason name, when given
 * @param thisUpdate      when the responder vouched for the status
 * @param nextUpdate      when a newer response is due
 * @param producedAt      when the responder signed the response
 * @param signer          who signed it: the issuer, a delegated responder that passed RFC 6960 §4.2.2.2, or no
 *                        acceptable signer (then the response says nothing)
 */
public record OcspStatus(Status status, Optional<Instant> revokedAt, Optional<String> revocationReason,
                         Instant thisUpdate, Optional<Instant> nextUpdate, Instant producedAt, OcspSigner signer) {

    /** The certificate status of an OCSP SingleResponse. */
    public enum Status { GOOD, REVOKED, UNKNOWN }

    public OcspStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revocationReason, "revocationReason");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(producedAt, "producedAt");
        Objects.requireNonNull(signer, "signer");
    }

    /** Signed by the issuer or by a responder the issuer delegated to, every check of {@link OcspSigner} passed. */
    public boolean signatureValid() {
        return signer.acceptable();
    }

    /** Fresh at {@code at}: thisUpdate not in the future, nextUpdate (if any) not passed. */
    public boolean isFreshAt(Instant at) {
        return !thisUpdate.isAfter(at.plusSeconds(300)) && nextUpdate.map(n -> !n.isBefore(at)).orElse(true);
    }
}
