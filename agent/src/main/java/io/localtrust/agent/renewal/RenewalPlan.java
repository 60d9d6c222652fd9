package io.localtrust.agent.renewal;

import io.localtrust.x509.Cert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the device renews (the certmagic shape): at two thirds of its certificate's lifetime, or
 * earlier when the gateway's ARI (RFC 9773) suggests a window starting earlier; after a failed
 * attempt, by a fixed backoff table, each wait capped at a twelfth of the lifetime so even a
 * short-lived certificate gets several attempts before it expires.
 */
public final class RenewalPlan {
    /** Waits after the 1st, 2nd, … consecutive failure; the last repeats. */
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));

    private RenewalPlan() {
    }

    /** notBefore + 2/3 of the lifetime, or the ARI window's start when that is earlier. */
    public static Instant renewAt(Cert leaf, Optional<Instant> ariStart) {
        Instant twoThirds = leaf.notBefore().plus(lifetime(leaf).multipliedBy(2).dividedBy(3));
        return ariStart.filter(a -> a.isBefore(twoThirds)).orElse(twoThirds);
    }

    /** The wait after {@code failures} (≥ 1) consecutive failures. */
    public static Duration retryAfter(int failures, Optional<Cert> leaf) {
        Duration table = BACKOFF.get(Math.min(Math.max(failures, 1), BACKOFF.size()) - 1);
        if (leaf.isEmpty()) {
            return table;
        }
        Duration cap = lifetime(leaf.get()).dividedBy(12);
        return table.compareTo(cap) > 0 && cap.compareTo(BACKOFF.get(0)) > 0 ? cap : table;
    }

    private static Duration lifetime(Cert leaf) {
        return Duration.between(leaf.notBefore(), leaf.notAfter());
    }
}
