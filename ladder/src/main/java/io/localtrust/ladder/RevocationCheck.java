package io.localtrust.ladder;

import io.localtrust.trust.CrlStatus;
import io.localtrust.trust.PathResult;
import io.localtrust.trust.TrustEngine;
import io.localtrust.x509.Cert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leaf's revocation status for one decision: the staple ({@link StapleCheck}), else — when
 * {@link OnlineRevocation} allows and the path validated to an anchor — its OCSP responder
 * ({@link OcspFetch}), else its CRL distribution point (checked by the trust engine's CRL
 * checker), each answer cached until its nextUpdate. Records one reason per source tried; never
 * throws. "Revoked" needs a correctly signed answer; "good" also a fresh one.
 */
final class RevocationCheck {
    enum State { OFF, GOOD, REVOKED, UNKNOWN }

    /** The status and how it was reached, in the order the sources were tried. */
    record Result(State state, List<DecisionReason> reasons) {
        Result {
            reasons = List.copyOf(reasons);
        }
    }

    /** At most this many URLs of each kind are tried per certificate. */
    private static final int MAX_URLS = 2;

    private final RevocationPolicy policy;
    private final OnlineRevocation online;
    private final TrustEngine engine;
    private final RevocationHttp http;
    private final OcspFetch ocsp;
    private final RevocationCache<byte[]> crlCache;

    RevocationCheck(RevocationPolicy policy, OnlineRevocation online, TrustEngine engine) {
        this.policy = policy;
        this.online = online;
        this.engine = engine;
        this.http = online.enabled() ? new RevocationHttp(online.fetchTimeout()) : null;
        this.ocsp = online.enabled() ? new OcspFetch(http, online) : null;
        this.crlCache = new RevocationCache<>(online.cacheEntries());
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which the decision must be over: fetches get what is left
     */
    Result check(TlsPeer peer, Cert leaf, PathResult path, Instant now, long deadlineNanos) {
        if (policy == RevocationPolicy.OFF) {
            return new Result(State.OFF, List.of(new DecisionReason("REVOCATION_OFF",
                    "revocation is not checked (policy off)")));
        }
        List<DecisionReason> reasons = new ArrayList<>();
        StapleCheck.Result staple = StapleCheck.check(peer.stapledOcsp(), leaf, path.path(), peer.chain(), now);
        staple.reason().ifPresent(reasons::add);
        if (staple.state() == StapleCheck.State.GOOD) {
            return new Result(State.GOOD, reasons);
        }
        if (staple.state() == StapleCheck.State.REVOKED) {
            return new Result(State.REVOKED, reasons);
        }
        boolean named = !leaf.ocspUrls().isEmpty() || !leaf.crlUrls().isEmpty();
        if (!named || !path.valid() || path.path().size() < 2) {
            return new Result(State.UNKNOWN, reasons); // nothing to ask, or a chain no anchor vouches for
        }
        if (!online.enabled()) {
            reasons.add(new DecisionReason("REVOCATION_OFFLINE", "online revocation checking is off: the OCSP responder "
                    + "and CRL the certificate names were not asked"));
            return new Result(State.UNKNOWN, reasons);
        }
        Cert issuer = path.path().get(1);
        for (String url : leaf.ocspUrls().stream().limit(MAX_URLS).toList()) {
            OcspFetch.Answer a = ocsp.status(url, leaf, issuer, now, budget(deadlineNanos));
            reasons.add(a.reason());
            if (a.state() != State.UNKNOWN) {
                return new Result(a.state(), reasons);
            }
        }
        for (String url : leaf.crlUrls().stream().limit(MAX_URLS).toList()) {
            Optional<State> s = crl(url, path, now, deadlineNanos, reasons);
            if (s.isPresent()) {
                return new Result(s.get(), reasons);
            }
        }
        return new Result(State.UNKNOWN, reasons);
    }

    private Optional<State> crl(String url, PathResult path, Instant now, long deadlineNanos, List<DecisionReason> reasons) {
        Optional<byte[]> cached = crlCache.get(url, now);
        byte[] der;
        if (cached.isPresent()) {
            der = cached.get();
        } else {
            Duration left = budget(deadlineNanos);
            if (left.isZero()) {
                reasons.add(new DecisionReason("CRL_UNAVAILABLE", url + " not fetched: the decision's deadline has passed"));
                return Optional.empty();
            }
            try {
                der = http.get(RevocationHttp.httpUrl(url), left, online.maxCrlBytes());
            } catch (RevocationHttp.FetchException e) {
                reasons.add(new DecisionReason("CRL_UNAVAILABLE", e.getMessage()));
                return Optional.empty();
            }
        }
        String from = cached.isPresent() ? " (CRL from " + url + ", cached)" : " (CRL from " + url + ")";
        CrlStatus status = engine.crlStatus(path.path(), 0, List.of(der), now);
        switch (status.state()) {
            case GOOD -> {
                status.nextUpdate().ifPresent(n -> crlCache.put(url, der, n, now));
                reasons.add(new DecisionReason("CRL_GOOD", status.message() + from + status.nextUpdate()
                        .map(n -> ", next update " + n).orElse("")));
                return Optional.of(State.GOOD);
            }
            case REVOKED -> {
                status.nextUpdate().ifPresent(n -> crlCache.put(url, der, n, now));
                reasons.add(new DecisionReason("CRL_REVOKED", status.message() + from));
                return Optional.of(State.REVOKED);
            }
            default -> {
                reasons.add(new DecisionReason("CRL_UNUSABLE", status.message() + from));
                return Optional.empty();
            }
        }
    }

    /** What one fetch may take: the per-fetch timeout, or less if the decision's deadline is nearer; zero when passed. */
    private Duration budget(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return Duration.ZERO;
        }
        Duration d = Duration.ofNanos(left);
        return d.compareTo(online.fetchTimeout()) < 0 ? d : online.fetchTimeout();
    }
}
