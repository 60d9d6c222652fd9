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
 * The revocation status of a whole path for one decision. The leaf: the staple ({@link StapleCheck}),
 * else — when {@link OnlineRevocation} allows and the path validated to an anchor — its OCSP responder
 * ({@link OcspFetch}), else its CRL distribution point (checked by the trust engine's CRL checker).
 * Then every CA certificate of the path below the anchor the same way, online (a staple speaks for the
 * leaf only); a CA certificate that names neither a responder nor a CRL cannot be checked and is noted
 * ({@code REVOCATION_NOT_NAMED}) without counting against the policy. Answers are cached until their
 * nextUpdate, failed URLs for a while ({@link RevocationFailures}); every fetch gets what is left of the
 * decision's deadline. Records one reason per source tried; never throws. "Revoked" needs a correctly
 * signed answer; "good" for the path also a fresh one for every certificate that names a source.
 */
final class RevocationCheck {
    enum State { OFF, GOOD, REVOKED, UNKNOWN }

    /**
     * The status and how it was reached, in the order the sources were tried.
     *
     * @param revoked the revoked certificate (the leaf or a CA of the path), when {@code state} is REVOKED
     */
    record Result(State state, List<DecisionReason> reasons, Optional<Cert> revoked) {
        Result {
            reasons = List.copyOf(reasons);
        }

        Result(State state, List<DecisionReason> reasons) {
            this(state, reasons, Optional.empty());
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
    private final RevocationFailures failures;

    RevocationCheck(RevocationPolicy policy, OnlineRevocation online, TrustEngine engine) {
        this.policy = policy;
        this.online = online;
        this.engine = engine;
        this.failures = new RevocationFailures(online);
        this.http = online.enabled() ? new RevocationHttp(online.fetchTimeout()) : null;
        this.ocsp = online.enabled() ? new OcspFetch(http, online, failures) : null;
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
        State leafState = leaf(peer, leaf, path, now, deadlineNanos, reasons);
        if (leafState == State.REVOKED) {
            return new Result(State.REVOKED, reasons, Optional.of(leaf));
        }
        if (!path.valid() || path.path().size() < 3) {
            return new Result(leafState, reasons);
        }
        State state = leafState;
        List<Cert> certs = path.path();
        for (int i = 1; i < certs.size() - 1; i++) {
            Cert ca = certs.get(i);
            if (ca.ocspUrls().isEmpty() && ca.crlUrls().isEmpty()) {
                reasons.add(new DecisionReason("REVOCATION_NOT_NAMED", "issuing CA '" + ca.label()
                        + "' names no OCSP responder and no CRL: its revocation is not checked"));
                continue;
            }
            if (!online.enabled()) {
                reasons.add(new DecisionReason("REVOCATION_OFFLINE", "online revocation checking is off: the OCSP responder "
                        + "and CRL issuing CA '" + ca.label() + "' names were not asked"));
                state = State.UNKNOWN;
                continue;
            }
            State s = online(path, i, now, deadlineNanos, reasons);
            if (s == State.REVOKED) {
                return new Result(State.REVOKED, reasons, Optional.of(ca));
            }
            if (s != State.GOOD) {
                state = State.UNKNOWN;
            }
        }
        return new Result(state, reasons);
    }

    private State leaf(TlsPeer peer, Cert leaf, PathResult path, Instant now, long deadlineNanos, List<DecisionReason> reasons) {
        StapleCheck.Result staple = StapleCheck.check(peer.stapledOcsp(), leaf, path.path(), peer.chain(), now);
        reasons.addAll(staple.reasons());
        if (staple.state() == StapleCheck.State.GOOD) {
            return State.GOOD;
        }
        if (staple.state() == StapleCheck.State.REVOKED) {
            return State.REVOKED;
        }
        boolean named = !leaf.ocspUrls().isEmpty() || !leaf.crlUrls().isEmpty();
        if (!named || !path.valid() || path.path().size() < 2) {
            return State.UNKNOWN; // nothing to ask, or a chain no anchor vouches for
        }
        if (!online.enabled()) {
            reasons.add(new DecisionReason("REVOCATION_OFFLINE", "online revocation checking is off: the OCSP responder "
                    + "and CRL the certificate names were not asked"));
            return State.UNKNOWN;
        }
        return online(path, 0, now, deadlineNanos, reasons);
    }

    /** Path element {@code index} by its OCSP responders, then its CRLs: the first decisive answer. */
    private State online(PathResult path, int index, Instant now, long deadlineNanos, List<DecisionReason> reasons) {
        Cert cert = path.path().get(index);
        Cert issuer = path.path().get(index + 1);
        for (String url : cert.ocspUrls().stream().limit(MAX_URLS).toList()) {
            OcspFetch.Answer a = ocsp.status(url, cert, issuer, now, budget(deadlineNanos));
            reasons.addAll(a.reasons());
            if (a.state() != State.UNKNOWN) {
                return a.state();
            }
        }
        for (String url : cert.crlUrls().stream().limit(MAX_URLS).toList()) {
            Optional<State> s = crl(url, path, index, now, deadlineNanos, reasons);
            if (s.isPresent()) {
                return s.get();
            }
        }
        return State.UNKNOWN;
    }

    private Optional<State> crl(String url, PathResult path, int index, Instant now, long deadlineNanos,
                                List<DecisionReason> reasons) {
        String whose = index == 0 ? "" : "issuing CA '" + path.path().get(index).label() + "': ";
        Optional<byte[]> cached = crlCache.get(url, now);
        byte[] der;
        if (cached.isPresent()) {
            der = cached.get();
        } else {
            Optional<String> failed = failures.recall(url, now);
            if (failed.isPresent()) {
                reasons.add(new DecisionReason("CRL_UNAVAILABLE", whose + failed.get()));
                return Optional.empty();
            }
            Duration left = budget(deadlineNanos);
            if (left.isZero()) {
                reasons.add(new DecisionReason("CRL_UNAVAILABLE", whose + url
                        + " not fetched: the decision's deadline has passed"));
                return Optional.empty();
            }
            try {
                der = http.get(RevocationHttp.httpUrl(url), left, online.maxCrlBytes());
            } catch (RevocationHttp.FetchException e) {
                if (!e.timedOut() || left.compareTo(online.fetchTimeout()) >= 0) {
                    failures.remember(url, e.getMessage(), now);
                }
                reasons.add(new DecisionReason("CRL_UNAVAILABLE", whose + e.getMessage()));
                return Optional.empty();
            }
        }
        String from = cached.isPresent() ? " (CRL from " + url + ", cached)" : " (CRL from " + url + ")";
        CrlStatus status = engine.crlStatus(path.path(), index, List.of(der), now);
        switch (status.state()) {
            case GOOD -> {
                status.nextUpdate().ifPresent(n -> crlCache.put(url, der, n, now));
                reasons.add(new DecisionReason("CRL_GOOD", whose + status.message() + from + status.nextUpdate()
                        .map(n -> ", next update " + n).orElse("")));
                return Optional.of(State.GOOD);
            }
            case REVOKED -> {
                status.nextUpdate().ifPresent(n -> crlCache.put(url, der, n, now));
                reasons.add(new DecisionReason("CRL_REVOKED", whose + status.message() + from));
                return Optional.of(State.REVOKED);
            }
            default -> {
                if (status.state() == CrlStatus.State.MALFORMED) {
                    failures.remember(url, "the body of " + url + " is " + status.message(), now);
                }
                reasons.add(new DecisionReason("CRL_UNUSABLE", whose + status.message() + from));
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
