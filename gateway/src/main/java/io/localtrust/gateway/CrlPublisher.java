package io.localtrust.gateway;

import io.localtrust.authority.CrlSigner;
import io.localtrust.store.CertificateStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One issuing CA's CRL: the last one its {@link CrlSigner} made, re-signed when the
 * revocations change ({@link #publish}) and, unchanged, once half of {@link CrlSigner#VALIDITY}
 * has passed ({@link #refreshIfDue}), so the served CRL is never past its nextUpdate.
 */
final class CrlPublisher {
    static final String MEDIA_TYPE = "application/pkix-crl";

    private final CrlSigner signer;
    private final Clock clock;
    private final AtomicReference<CrlSigner.Crl> current = new AtomicReference<>();
    private volatile List<CertificateStatus> lastRevoked = List.of();

    CrlPublisher(CrlSigner signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    /** Signs and serves a CRL listing exactly these revoked certificates. */
    synchronized CrlSigner.Crl publish(List<CertificateStatus> revoked) {
        lastRevoked = List.copyOf(revoked);
        CrlSigner.Crl crl = signer.sign(lastRevoked);
        current.set(crl);
        return crl;
    }

    /** Re-signs the same list when the served CRL is past half its life; true if it did. */
    synchronized boolean refreshIfDue() {
        CrlSigner.Crl c = current.get();
        Instant due = c == null ? Instant.MIN : c.thisUpdate().plus(CrlSigner.VALIDITY.dividedBy(2));
        if (clock.instant().isBefore(due)) {
            return false;
        }
        publish(lastRevoked);
        return true;
    }

    CrlSigner.Crl current() {
        return current.get();
    }

    /** The CRL as served ({@link CrlEndpoint}). */
    Reply reply() throws HttpProblem {
        CrlSigner.Crl c = current.get();
        if (c == null) {
            throw new HttpProblem(503, "not-ready", "Service unavailable", "the CRL is not signed yet");
        }
        return Reply.ok(MEDIA_TYPE, c.der()).withHeader("Cache-Control", "max-age=60, public, no-transform");
    }
}
