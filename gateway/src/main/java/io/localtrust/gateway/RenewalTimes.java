package io.localtrust.gateway;

import io.localtrust.x509.Cert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the gateway's own certificate is renewed, and how long a failed renewal waits: at two
 * thirds of the certificate's lifetime (a third of it is left to retry in), and after a failure
 * by a fixed backoff table — never longer than a twelfth of the lifetime, so even a one-hour
 * certificate gets several attempts before it expires.
 */
final class RenewalTimes {
    /** Waits after the 1st, 2nd, … consecutive failure; the last repeats. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));

    private RenewalTimes() {
    }

    /** notBefore + 2/3 of (notAfter − notBefore). */
    static Instant renewAt(Cert leaf) {
        return leaf.notBefore().plus(lifetime(leaf).multipliedBy(2).dividedBy(3));
    }

    /** The wait after {@code failures} (≥ 1) consecutive failures to renew {@code leaf}. */
    static Duration retryAfter(int failures, Cert leaf) {
        if (failures < 1) {
            throw new IllegalArgumentException("no failure to wait after");
        }
        Duration table = BACKOFF.get(Math.min(failures, BACKOFF.size()) - 1);
        Duration cap = lifetime(leaf).dividedBy(12);
        return table.compareTo(cap) > 0 && cap.compareTo(BACKOFF.get(0)) > 0 ? cap : table;
    }

    private static Duration lifetime(Cert leaf) {
        return Duration.between(leaf.notBefore(), leaf.notAfter());
    }
}
