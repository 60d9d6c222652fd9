package io.localtrust.gateway;

import io.localtrust.x509.Cert;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the renewal of the gateway's own certificate stands (read-only view of {@link TlsRenewal}).
 *
 * @param serving     the certificate new handshakes get
 * @param renewAt     when it is due for renewal (two thirds of its lifetime)
 * @param renewals    successful renewals since start
 * @param failures    consecutive failed attempts (0 after a success)
 * @param lastFailure why the last attempt failed, if the last attempt failed
 * @param retryAt     when the next attempt may run, after a failure
 */
record RenewalStatus(Cert serving, Instant renewAt, int renewals, int failures, Optional<String> lastFailure,
                     Optional<Instant> retryAt) {
    RenewalStatus {
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(renewAt, "renewAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(retryAt, "retryAt");
    }
}
