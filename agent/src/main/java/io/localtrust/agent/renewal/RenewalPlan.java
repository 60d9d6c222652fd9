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

    /** The wait after {@code failures} (≥ 1) consecutive failures, by the table as it is. */
    public static Duration retryAfter(int failures, Optional<Cert> leaf) {
        return retryAfter(failures, leaf, BACKOFF.get(0));
    }

    /**
     * The wait after {@code failures} (≥ 1) consecutive failures, by the table scaled so that its
     * first step is {@code first} (the ratios stay: ×3, ×6, ×30, ×90, ×360 the first), capped at a
     * twelfth of the certificate's lifetime when that is still longer than the first step.
     */
    public static Duration retryAfter(int failures, Optional<Cert> leaf, Duration first) {
        Duration step = BACKOFF.get(Math.min(Math.max(failures, 1), BACKOFF.size()) - 1);
        Duration table = Duration.ofNanos(Math.multiplyExact(first.toNanos(), step.toNanos() / BACKOFF.get(0).toNanos()));
        if (leaf.isEmpty()) {
            return table;
        }
        Duration cap = lifetime(leaf.get()).dividedBy(12);
        return table.compareTo(cap) > 0 && cap.compareTo(first) > 0 ? cap : table;
    }

    private static Duration lifetime(Cert leaf) {
        return Duration.between(leaf.notBefore(), leaf.notAfter());
    }
}
