package io.localtrust.ladder;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.OcspRequests;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Asks a certificate's OCSP responder (RFC 6960) and checks the answer: a request with one SHA-1
 * CertID and no nonce (the RFC 5019 profile every responder answers, and whose answers may be
 * cached), by GET when the encoded request keeps the URL under 255 bytes (RFC 5019 §5), else by
 * POST; the response must be signed by the issuer or a responder it delegated to
 * (id-kp-OCSPSigning), name the certificate, and — for "good" — be fresh: thisUpdate no further
 * ahead than the allowed clock skew, nextUpdate (or, without one, thisUpdate plus a day, as
 * Firefox does) not further behind. Verified answers are cached by (issuer key, serial) until then.
 */
final class OcspFetch {
    /** One responder's answer: GOOD or REVOKED when it decided, UNKNOWN otherwise, and why. */
    record Answer(RevocationCheck.State state, DecisionReason reason) {
    }

    private static final Duration WITHOUT_NEXT_UPDATE = Duration.ofDays(1);
    private static final int MAX_GET_URL = 255;

    private final RevocationHttp http;
    private final OnlineRevocation settings;
    private final RevocationCache<OcspStatus> cache;

    OcspFetch(RevocationHttp http, OnlineRevocation settings) {
        this.http = http;
        this.settings = settings;
        this.cache = new RevocationCache<>(settings.cacheEntries());
    }

    Answer status(String url, Cert leaf, Cert issuer, Instant now, Duration budget) {
        String key = issuer.fingerprints().spkiSha256() + "/" + leaf.serial().toString(16);
        Optional<OcspStatus> cached = cache.get(key, now);
        if (cached.isPresent()) {
            return judge(cached.get(), url, issuer, now, true);
        }
        if (budget.isZero()) {
            return unknown("OCSP_UNAVAILABLE", url + " not asked: the decision's deadline has passed");
        }
        byte[] der;
        try {
            URI uri = RevocationHttp.httpUrl(url);
            byte[] request = OcspRequests.create(leaf, issuer);
            String base = uri.toString().endsWith("/") ? uri.toString() : uri + "/";
            String get = base + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
            der = get.length() < MAX_GET_URL
                    ? http.get(URI.create(get), budget, settings.maxOcspBytes())
                    : http.post(uri, "application/ocsp-request", request, budget, settings.maxOcspBytes());
        } catch (RevocationHttp.FetchException e) {
            return unknown("OCSP_UNAVAILABLE", e.getMessage());
        }
        OcspStatus status;
        try {
            status = OcspResponses.read(der, leaf, issuer);
        } catch (CertificateParseException e) {
            return unknown("OCSP_UNUSABLE", "the response of " + url + " is unusable: " + e.getMessage());
        }
        if (!status.signatureValid()) {
            return unknown("OCSP_UNUSABLE", "the response of " + url + " is not signed by '" + issuer.label()
                    + "' or a responder it delegated to");
        }
        Answer a = judge(status, url, issuer, now, false);
        if (a.state() != RevocationCheck.State.UNKNOWN) {
            cache.put(key, status, until(status).plus(settings.clockSkew()), now);
        }
        return a;
    }

    private Answer judge(OcspStatus status, String url, Cert issuer, Instant now, boolean cached) {
        String from = " (OCSP responder " + url + (cached ? ", cached" : "") + ")";
        if (status.status() == OcspStatus.Status.REVOKED) {
            return new Answer(RevocationCheck.State.REVOKED, new DecisionReason("OCSP_REVOKED", "revoked by '"
                    + issuer.label() + "'" + status.revokedAt().map(t -> " on " + t).orElse("")
                    + status.revocationReason().map(r -> " (" + r + ")").orElse("") + from));
        }
        if (status.thisUpdate().isAfter(now.plus(settings.clockSkew()))
                || until(status).plus(settings.clockSkew()).isBefore(now)) {
            return unknown("OCSP_UNUSABLE", "the response is stale (this update " + status.thisUpdate() + ", next update "
                    + status.nextUpdate().map(Instant::toString).orElse("none") + ")" + from);
        }
        if (status.status() != OcspStatus.Status.GOOD) {
            return unknown("OCSP_UNKNOWN", "the responder does not know the certificate" + from);
        }
        return new Answer(RevocationCheck.State.GOOD, new DecisionReason("OCSP_GOOD", "'" + issuer.label()
                + "' says good, until " + until(status) + from));
    }

    private static Instant until(OcspStatus s) {
        return s.nextUpdate().orElse(s.thisUpdate().plus(WITHOUT_NEXT_UPDATE));
    }

    private static Answer unknown(String code, String message) {
        return new Answer(RevocationCheck.State.UNKNOWN, new DecisionReason(code, message));
    }
}
