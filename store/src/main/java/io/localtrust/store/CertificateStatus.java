package io.localtrust.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The current status of one issued certificate.
 *
 * @param serial    the certificate
 * @param revoked   whether it is revoked
 * @param revokedAt when, if revoked
 * @param reason    why, if revoked
 */
public record CertificateStatus(BigInteger serial, boolean revoked, Optional<Instant> revokedAt,
                                Optional<RevocationReason> reason) {
    public CertificateStatus {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
        if (revoked != revokedAt.isPresent()) {
            throw new IllegalArgumentException("a revoked status has a time, a good one none");
        }
    }

    public static CertificateStatus good(BigInteger serial) {
        return new CertificateStatus(serial, false, Optional.empty(), Optional.empty());
    }
}
