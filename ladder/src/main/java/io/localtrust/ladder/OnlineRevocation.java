package io.localtrust.ladder;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how the ladder fetches revocation status itself — for the leaf when nothing usable was
 * stapled, and for each issuing CA of the path: an OCSP request (RFC 6960, RFC 5019 profile) to the
 * certificate's AIA id-ad-ocsp responder, else the CRL at its CRL distribution point — like a browser, over plain {@code http:} only, and only for a
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
 * @param failureMemory    how long a URL that failed (refused, timed out, not HTTP 200, too large, malformed) is not
 *                         asked again: decisions meanwhile count it as failed at once, under the same soft-/hard-fail
 *                         policy; at most {@code cacheEntries} URLs are remembered; zero: failures are not remembered
 */
public record OnlineRevocation(boolean enabled, Duration fetchTimeout, int maxOcspBytes, int maxCrlBytes, int cacheEntries,
                               Duration clockSkew, Duration failureMemory) {
    public OnlineRevocation {
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(failureMemory, "failureMemory");
        if (failureMemory.isNegative()) {
            throw new IllegalArgumentException("the failure memory must not be negative, not " + failureMemory);
        }
        if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("the fetch timeout must be positive, not " + fetchTimeout);
        }
        if (maxOcspBytes < 1 || maxCrlBytes < 1 || cacheEntries < 0 || clockSkew.isNegative()) {
            throw new IllegalArgumentException("size bounds must be positive, the cache size and clock skew not negative");
        }
    }

    /**
     * Fetching on: 2 s per fetch (the default decision deadline; what is left of it bounds each fetch too), OCSP
     * responses up to 64 KiB, CRLs up to 4 MiB, 1,000 cached answers, 5 minutes of skew, a failed URL not asked again
     * for 30 s.
     */
    public static OnlineRevocation defaults() {
        return new OnlineRevocation(true, Duration.ofSeconds(2), 64 * 1024, 4 * 1024 * 1024, 1_000, Duration.ofMinutes(5),
                Duration.ofSeconds(30));
    }

    /** No network fetches: the staple is the only source. */
    public static OnlineRevocation disabled() {
        return new OnlineRevocation(false, Duration.ofSeconds(2), 64 * 1024, 4 * 1024 * 1024, 0, Duration.ofMinutes(5),
                Duration.ZERO);
    }

    public OnlineRevocation withFetchTimeout(Duration d) {
        return new OnlineRevocation(enabled, d, maxOcspBytes, maxCrlBytes, cacheEntries, clockSkew, failureMemory);
    }

    public OnlineRevocation withCacheEntries(int n) {
        return new OnlineRevocation(enabled, fetchTimeout, maxOcspBytes, maxCrlBytes, n, clockSkew, failureMemory);
    }

    /** How long a failed URL is not asked again; {@link Duration#ZERO}: every decision asks again. */
    public OnlineRevocation withFailureMemory(Duration d) {
        return new OnlineRevocation(enabled, fetchTimeout, maxOcspBytes, maxCrlBytes, cacheEntries, clockSkew, d);
    }
}
