package io.localtrust.agent.stapling;

import io.localtrust.x509.OcspStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified OCSP response about the device's own certificate, ready to staple.
 *
 * @param der       the OCSPResponse as the responder sent it
 * @param status    what it says, after checking its signature, CertID and times
 * @param fetchedAt when the device fetched it
 */
public record Staple(byte[] der, OcspStatus status, Instant fetchedAt) {
    public Staple {
        der = der.clone();
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        if (status.nextUpdate().isEmpty()) {
            throw new IllegalArgumentException("a staple needs a nextUpdate: without it nothing says when it goes stale");
        }
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    public Instant nextUpdate() {
        return status.nextUpdate().orElseThrow();
    }

    /** Half way through its validity: when a fresher one is fetched. */
    public Instant refreshAt() {
        Instant thisUpdate = status.thisUpdate();
        return thisUpdate.plus(Duration.between(thisUpdate, nextUpdate()).dividedBy(2));
    }

    /** Still servable: before its nextUpdate. */
    public boolean usableAt(Instant now) {
        return now.isBefore(nextUpdate());
    }
}
