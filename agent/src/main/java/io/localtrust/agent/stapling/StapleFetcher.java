package io.localtrust.agent.stapling;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.OcspRequests;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fetches the OCSP response for the device's certificate from the responder its AIA names (the
 * gateway's plain-HTTP {@code /ocsp}) and keeps it only if it is a response a browser would
 * accept: successful, about this certificate, signed by its issuer (or a responder the issuer
 * delegated to), {@code thisUpdate} not in the future (5 minutes of skew allowed) and
 * {@code nextUpdate} not passed. POST (RFC 6960 Appendix A.1), bounded time and size.
 */
public final class StapleFetcher {
    static final Duration SKEW = Duration.ofMinutes(5);
    private static final int MAX_BYTES = 64 << 10;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public StapleFetcher(HttpClient http, Duration timeout, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @throws StapleException the responder cannot be reached, or its answer is not one to staple
     */
    public Staple fetch(Cert leaf, Cert issuer) throws StapleException {
        if (leaf.ocspUrls().isEmpty()) {
            throw new StapleException("the certificate names no OCSP responder (AIA)");
        }
        URI url = URI.create(leaf.ocspUrls().get(0));
        if (!"http".equals(url.getScheme())) {
            throw new StapleException("the OCSP responder " + url + " is not plain HTTP (RFC 6960 A.1)");
        }
        byte[] body;
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(OcspRequests.create(leaf, issuer))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new StapleException("the OCSP responder " + url + " answered HTTP " + r.statusCode());
            }
            body = r.body();
        } catch (IOException e) {
            throw new StapleException("the OCSP responder " + url + " is unreachable ("
                    + io.localtrust.agent.onboarding.NetworkFailure.describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StapleException("interrupted while fetching OCSP");
        }
        if (body.length > MAX_BYTES) {
            throw new StapleException("the OCSP responder sent " + body.length + " bytes: too large");
        }
        return verify(body, leaf, issuer, clock.instant());
    }

    /** The checks above, on a response already in hand. */
    static Staple verify(byte[] der, Cert leaf, Cert issuer, Instant now) throws StapleException {
        OcspStatus s;
        try {
            s = OcspResponses.read(der, leaf, issuer, now);
        } catch (CertificateParseException e) {
            throw new StapleException("the OCSP answer is not usable: " + e.getMessage());
        }
        if (!s.signatureValid()) {
            throw new StapleException("the OCSP answer is not signed by the certificate's issuer: "
                    + s.signer().problem().orElse("no acceptable signer"));
        }
        if (s.thisUpdate().isAfter(now.plus(SKEW))) {
            throw new StapleException("the OCSP answer's thisUpdate " + s.thisUpdate() + " is in the future: is this"
                    + " device's clock behind? (now " + now + ")");
        }
        if (s.nextUpdate().isEmpty() || !s.nextUpdate().get().isAfter(now)) {
            throw new StapleException("the OCSP answer is stale (nextUpdate " + s.nextUpdate().map(Instant::toString)
                    .orElse("absent") + ", now " + now + ")");
        }
        return new Staple(der, s, now);
    }
}
