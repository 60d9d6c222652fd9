package io.localtrust.ladder;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.OcspRequests;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspSigner;
import io.localtrust.x509.OcspStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Asks a certificate's OCSP responder (RFC 6960) and checks the answer: a request with one SHA-1
 * CertID and no nonce (the RFC 5019 profile every responder answers, and whose answers may be
 * cached), by GET when the encoded request keeps the URL under 255 bytes (RFC 5019 §5), else by
 * POST; the response must be signed by the issuer or a delegated responder that passes RFC 6960
 * §4.2.2.2 at the decision time ({@link OcspSigner}), name the certificate, and — for "good" — be
 * fresh: thisUpdate no further ahead than the allowed clock skew, nextUpdate (or, without one,
 * thisUpdate plus a day, as Firefox does) not further behind. Verified answers are cached by
 * (issuer key, serial) until then; a responder that failed is remembered ({@link RevocationFailures}).
 * A delegated responder's own revocation is never checked (no recursion): without
 * id-pkix-ocsp-nocheck that is noted ({@code OCSP_RESPONDER_UNCHECKED}).
 */
final class OcspFetch {
    /** One responder's answer: GOOD or REVOKED when it decided, UNKNOWN otherwise, and why. */
    record Answer(RevocationCheck.State state, List<DecisionReason> reasons) {
        Answer {
            reasons = List.copyOf(reasons);
        }
    }

    private static final Duration WITHOUT_NEXT_UPDATE = Duration.ofDays(1);
    private static final int MAX_GET_URL = 255;

    private final RevocationHttp http;
    private final OnlineRevocation settings;
    private final RevocationCache<OcspStatus> cache;
    private final RevocationFailures failures;

    OcspFetch(RevocationHttp http, OnlineRevocation settings, RevocationFailures failures) {
        this.http = http;
        this.settings = settings;
        this.cache = new RevocationCache<>(settings.cacheEntries());
        this.failures = failures;
    }

    /** The status of {@code cert} (issued by {@code issuer}) from the responder at {@code url}. */
    Answer status(String url, Cert cert, Cert issuer, Instant now, Duration budget) {
        String key = issuer.fingerprints().spkiSha256() + "/" + cert.serial().toString(16);
        Optional<OcspStatus> cached = cache.get(key, now);
        if (cached.isPresent()) {
            return judge(cached.get(), url, cert, issuer, now, true);
        }
        Optional<String> failed = failures.recall(url, now);
        if (failed.isPresent()) {
            return unknown("OCSP_UNAVAILABLE", failed.get());
        }
        if (budget.isZero()) {
            return unknown("OCSP_UNAVAILABLE", url + " not asked: the decision's deadline has passed");
        }
        byte[] der;
        try {
            URI uri = RevocationHttp.httpUrl(url);
            byte[] request = OcspRequests.create(cert, issuer);
            String base = uri.toString().endsWith("/") ? uri.toString() : uri + "/";
            String get = base + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
            der = get.length() < MAX_GET_URL
                    ? http.get(URI.create(get), budget, settings.maxOcspBytes())
                    : http.post(uri, "application/ocsp-request", request, budget, settings.maxOcspBytes());
        } catch (RevocationHttp.FetchException e) {
            if (!e.timedOut() || budget.compareTo(settings.fetchTimeout()) >= 0) {
                failures.remember(url, e.getMessage(), now); // cut short by the decision's deadline: the responder's fault?
            }
            return unknown("OCSP_UNAVAILABLE", e.getMessage());
        }
        OcspStatus status;
        try {
            status = OcspResponses.read(der, cert, issuer, now);
        } catch (CertificateParseException e) {
            String message = "the response of " + url + " is unusable: " + e.getMessage();
            failures.remember(url, message, now);
            return unknown("OCSP_UNUSABLE", message);
        }
        if (!status.signatureValid()) {
            return unknown("OCSP_UNUSABLE", "the response of " + url + " is not signed by '" + issuer.label()
                    + "' or a responder it delegated to: " + status.signer().problem().orElse("no acceptable signer"));
        }
        Answer a = judge(status, url, cert, issuer, now, false);
        if (a.state() != RevocationCheck.State.UNKNOWN) {
            cache.put(key, status, until(status).plus(settings.clockSkew()), now);
        }
        return a;
    }

    private Answer judge(OcspStatus status, String url, Cert cert, Cert issuer, Instant now, boolean cached) {
        String from = " (OCSP responder " + url + (cached ? ", cached" : "") + ")";
        List<DecisionReason> reasons = new ArrayList<>();
        RevocationCheck.State state;
        if (status.status() == OcspStatus.Status.REVOKED) {
            state = RevocationCheck.State.REVOKED;
            reasons.add(new DecisionReason("OCSP_REVOKED", "'" + cert.label() + "' revoked by '" + issuer.label() + "'"
                    + status.revokedAt().map(t -> " on " + t).orElse("")
                    + status.revocationReason().map(r -> " (" + r + ")").orElse("") + from));
        } else if (status.thisUpdate().isAfter(now.plus(settings.clockSkew()))
                || until(status).plus(settings.clockSkew()).isBefore(now)) {
            return unknown("OCSP_UNUSABLE", "the response is stale (this update " + status.thisUpdate() + ", next update "
                    + status.nextUpdate().map(Instant::toString).orElse("none") + ")" + from);
        } else if (status.status() != OcspStatus.Status.GOOD) {
            return unknown("OCSP_UNKNOWN", "the responder does not know '" + cert.label() + "'" + from);
        } else {
            state = RevocationCheck.State.GOOD;
            reasons.add(new DecisionReason("OCSP_GOOD", "'" + issuer.label() + "' says '" + cert.label() + "' is good, until "
                    + until(status) + from));
        }
        responderNote(status.signer()).ifPresent(reasons::add);
        return new Answer(state, reasons);
    }

    /** A delegated responder without id-pkix-ocsp-nocheck: its own revocation was not checked (RFC 6960 §4.2.2.2.1). */
    static Optional<DecisionReason> responderNote(OcspSigner signer) {
        if (signer.kind() != OcspSigner.Kind.DELEGATED || signer.noCheck()) {
            return Optional.empty();
        }
        return Optional.of(new DecisionReason("OCSP_RESPONDER_UNCHECKED", "the response was signed by delegated responder '"
                + signer.responder().orElseThrow().label() + "', which lacks id-pkix-ocsp-nocheck; its own revocation "
                + "status was not checked"));
    }

    private static Instant until(OcspStatus s) {
        return s.nextUpdate().orElse(s.thisUpdate().plus(WITHOUT_NEXT_UPDATE));
    }

    private static Answer unknown(String code, String message) {
        return new Answer(RevocationCheck.State.UNKNOWN, List.of(new DecisionReason(code, message)));
    }
}
