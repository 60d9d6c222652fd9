package io.localtrust.agent.stapling;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.OcspStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a stapleable OCSP response for the certificate the device serves:
 * <ul>
 *   <li>fetched at once for a new certificate, then again at half the response's validity (or
 *       every {@code checkEvery}, whichever is sooner — how soon a revocation reaches the device);</li>
 *   <li>when the responder is down or answers something unusable, the last good response keeps
 *       being stapled until its nextUpdate, then nothing is stapled (never a stale response);
 *       attempts are retried after a fixed backoff table;</li>
 *   <li>a response saying {@code revoked} is stapled too (clients must see the truth) and reported
 *       to the revocation listener.</li>
 * </ul>
 * {@link #tick()} is called on the agent's scheduler; {@link #current()} from handshakes.
 */
public final class Stapler {
    private static final Logger LOG = LoggerFactory.getLogger(Stapler.class);
    /** Waits after the 1st, 2nd, … consecutive failure; the last repeats. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5));

    /** Where responses come from ({@link StapleFetcher} in service). */
    public interface Source {
        Staple fetch(Cert leaf, Cert issuer) throws StapleException;
    }

    /** What the admin page shows. */
    public record View(Optional<Staple> staple, Optional<String> problem, Optional<Instant> nextAttempt) {
    }

    private final Source source;
    private final Duration checkEvery;
    private final Clock clock;
    private final Runnable onRevoked;
    private volatile CertChain chain;
    private volatile Optional<Staple> current = Optional.empty();
    private volatile Optional<String> problem = Optional.empty();
    private volatile Instant nextAttempt = Instant.MIN;
    private int failures;

    public Stapler(Source source, Duration checkEvery, Clock clock, Runnable onRevoked) {
        this.source = source;
        this.checkEvery = checkEvery;
        this.clock = clock;
        this.onRevoked = onRevoked;
    }

    /** A new certificate is served: its status is fetched at the next tick. */
    public synchronized void serve(CertChain newChain) {
        if (newChain.size() < 2) {
            throw new IllegalArgumentException("stapling needs the issuer: the chain holds only the leaf");
        }
        chain = newChain;
        current = Optional.empty();
        problem = Optional.empty();
        nextAttempt = Instant.MIN;
        failures = 0;
    }

    /** The leaf whose status is stapled, if a certificate is served. */
    public Optional<Cert> leaf() {
        CertChain c = chain;
        return c == null ? Optional.empty() : Optional.of(c.leaf());
    }

    /** The response to staple now, if there is a usable one. */
    public Optional<Staple> current() {
        Optional<Staple> s = current;
        return s.filter(x -> x.usableAt(clock.instant()));
    }

    public View view() {
        return new View(current(), problem, Optional.of(nextAttempt).filter(t -> t != Instant.MIN));
    }

    /**
     * Fetches if due; never throws. Due also when the next attempt is further away than any wait
     * this stapler plans ({@code checkEvery} or the backoff table's last step): the device's clock
     * went back (NTP correcting a clock that ran ahead), and the plan made on the wrong clock must
     * not keep the device from stapling for as long as it was wrong.
     */
    public synchronized void tick() {
        CertChain c = chain;
        Instant now = clock.instant();
        Duration longest = checkEvery.compareTo(BACKOFF.getLast()) > 0 ? checkEvery : BACKOFF.getLast();
        if (c == null || (now.isBefore(nextAttempt) && !nextAttempt.isAfter(now.plus(longest)))) {
            return;
        }
        try {
            Staple s = source.fetch(c.leaf(), c.certs().get(1));
            boolean wasRevoked = current.map(x -> x.status().status() == OcspStatus.Status.REVOKED).orElse(false);
            current = Optional.of(s);
            problem = Optional.empty();
            failures = 0;
            Instant half = s.refreshAt();
            Instant soon = now.plus(checkEvery);
            nextAttempt = half.isBefore(soon) ? half : soon;
            LOG.debug("OCSP for serial {}: {} (thisUpdate {}, nextUpdate {})", c.leaf().serial().toString(16),
                    s.status().status(), s.status().thisUpdate(), s.nextUpdate());
            if (s.status().status() == OcspStatus.Status.REVOKED && !wasRevoked) {
                LOG.error("the gateway says this device's certificate {} is REVOKED ({}): stapling that, and enrolling again",
                        c.leaf().serial().toString(16), s.status().revocationReason().orElse("no reason given"));
                onRevoked.run();
            }
        } catch (StapleException e) {
            failures++;
            nextAttempt = now.plus(BACKOFF.get(Math.min(failures, BACKOFF.size()) - 1));
            problem = Optional.of(e.getMessage());
            boolean keep = current.map(x -> x.usableAt(now)).orElse(false);
            if (!keep && current.isPresent()) {
                current = Optional.empty();
            }
            LOG.warn("OCSP for this device's certificate: {}; {}; next attempt at {}", e.getMessage(),
                    keep ? "stapling the last good response until " + current.get().nextUpdate() : "stapling nothing",
                    nextAttempt);
        }
    }
}
