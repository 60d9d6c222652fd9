package io.localtrust.ladder;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how the ladder fetches revocation status itself when nothing usable was stapled:
 * an OCSP request (RFC 6960, RFC 5019 profile) to the leaf's AIA id-ad-ocsp responder, else the CRL
 * at its CRL distribution point — like a browser, over plain {@code http:} only, and only for a
 * certificate whose path already validated to a configured anchor (an untrusted certificate cannot
 * make the client fetch an address of its choosing). A library user who must make no network
 * requests turns it off ({@link #disabled()}): then only the staple counts.
 *
 * @param enabled          whether fetching is allowed at all
 * @param fetchTimeout     the longest one fetch may take (connect to last byte); also bounded by what is
 *                         left of the decision's deadline
 * @param maxOcspBytes     a larger OCSP response is refused unread
 * @param maxCrlBytes      a larger CRL is refused unread
 * @param cacheEntries     how many OCSP answers and CRLs are kept (each until its nextUpdate)
 * @param clockSkew        allowance for the responder's clock: thisUpdate may be this far ahead, nextUpdate this far behind
 */
public record OnlineRevocation(boolean enabled, Duration fetchTimeout, int maxOcspBytes, int maxCrlBytes, int cacheEntries,
                               Duration clockSkew) {
    public OnlineRevocation {
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("the fetch timeout must be positive, not " + fetchTimeout);
        }
        if (maxOcspBytes < 1 || maxCrlBytes < 1 || cacheEntries < 0 || clockSkew.isNegative()) {
            throw new IllegalArgumentException("size bounds must be positive, the cache size and clock skew not negative");
        }
    }

    /** Fetching on: 2 s per fetch (the default decision deadline; what is left of it bounds each fetch too), OCSP responses up to 64 KiB, CRLs up to 4 MiB, 1,000 cached answers, 5 minutes of skew. */
    public static OnlineRevocation defaults() {
        return new OnlineRevocation(true, Duration.ofSeconds(2), 64 * 1024, 4 * 1024 * 1024, 1_000, Duration.ofMinutes(5));
    }

    /** No network fetches: the staple is the only source. */
    public static OnlineRevocation disabled() {
        return new OnlineRevocation(false, Duration.ofSeconds(2), 64 * 1024, 4 * 1024 * 1024, 0, Duration.ofMinutes(5));
    }

    public OnlineRevocation withFetchTimeout(Duration d) {
        return new OnlineRevocation(enabled, d, maxOcspBytes, maxCrlBytes, cacheEntries, clockSkew);
    }

    public OnlineRevocation withCacheEntries(int n) {
        return new OnlineRevocation(enabled, fetchTimeout, maxOcspBytes, maxCrlBytes, n, clockSkew);
    }
}
