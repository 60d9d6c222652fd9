package io.localtrust.ladder;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Negative caching of revocation sources: an OCSP responder or CRL URL that failed — refused, timed
 * out, answered other than HTTP 200, sent too much or a malformed body — is remembered by URL for
 * {@link OnlineRevocation#failureMemory()} on the ladder's clock, so the decisions that follow do not
 * each pay the fetch timeout again; at most {@link OnlineRevocation#cacheEntries()} URLs, least
 * recently used dropped first. A remembered failure is a failure like a fresh one: the soft-/hard-fail
 * policy applies to it unchanged. Thread-safe.
 */
final class RevocationFailures {
    private record Failure(String message, Instant at, Instant until) {
    }

    private final Duration memory;
    private final RevocationCache<Failure> failures;

    RevocationFailures(OnlineRevocation settings) {
        this.memory = settings.failureMemory();
        this.failures = new RevocationCache<>(memory.isZero() ? 0 : settings.cacheEntries());
    }

    /** The remembered failure of {@code url} as one line for a reason, while it is remembered. */
    Optional<String> recall(String url, Instant now) {
        return failures.get(url, now).map(f -> f.message() + " (remembered failure of " + f.at()
                + ": not asked again until " + f.until() + ")");
    }

    /** Remembers that {@code url} failed at {@code now}, with why. */
    void remember(String url, String message, Instant now) {
        Instant until = now.plus(memory);
        failures.put(url, new Failure(message, now, until), until, now);
    }
}
