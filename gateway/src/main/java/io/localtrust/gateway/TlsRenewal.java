package io.localtrust.gateway;

import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway's own HTTPS certificate fresh while it runs. {@link #tick()} is called
 * often (by the server's scheduler, or by a test after moving its clock) and is cheap when
 * nothing is due: one clock read and one store revision read. The certificate is renewed
 * <ul>
 *   <li>at two thirds of its lifetime ({@link RenewalTimes#renewAt}), or at once when it has
 *       expired;</li>
 *   <li>at once when the store says it was revoked (by the admin API or {@code gateway revoke}).</li>
 * </ul>
 * Renewal goes through the same authority path as the start ({@link TlsIdentity#certify}): one
 * more {@code issue} audit entry with actor {@value TlsIdentity#ACTOR}. The <b>same key</b> is
 * certified again — the authority binds a key to one device, so the gateway stays one device in
 * the store instead of registering a new one at every renewal; the key never leaves memory.
 * After a revocation a <b>fresh key</b> is made (the old one may be what was compromised), which
 * registers a new device, approved at issuance as at start.
 *
 * <p>The new key and chain are swapped into the running {@link SslContextFactory} with
 * {@link SslContextFactory#reload}: new handshakes get the new certificate, open connections
 * keep theirs. A failed attempt (store unavailable, authority refusing, reload failing) is logged
 * with its reason (never key material), the old certificate keeps being served, and the attempt
 * is repeated after {@link RenewalTimes#retryAfter}. Runs on one thread; {@link #status()} may be
 * read from any.
 */
final class TlsRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(TlsRenewal.class);

    /** Puts newly certified material into service. */
    interface Installer {
        void install(TlsIdentity.Material material) throws Exception;
    }

    private final Gateway gateway;
    private final List<String> identities;
    private final Installer installer;
    private final Clock clock;
    private final SecureRandom random;
    private KeyPair key;
    private volatile RenewalStatus status;
    private long seenRevision = Long.MIN_VALUE;
    private Optional<RevocationReason> revoked = Optional.empty();

    TlsRenewal(Gateway gateway, List<String> identities, TlsIdentity.Certified first, Installer installer, Clock clock,
               SecureRandom random) {
        this.gateway = gateway;
        this.identities = List.copyOf(identities);
        this.installer = installer;
        this.clock = clock;
        this.random = random;
        this.key = first.key();
        this.status = fresh(first.material().leaf(), 0);
    }

    /**
     * Certifies the gateway at start and configures {@code ssl} (not yet started) with it; later
     * certificates are swapped in with {@link SslContextFactory#reload}.
     */
    static TlsRenewal start(Gateway gateway, List<String> identities, SslContextFactory.Server ssl, Clock clock,
                            SecureRandom random) throws StartupRefused {
        TlsIdentity.Certified first = TlsIdentity.issue(gateway, identities, random);
        ssl.setKeyStore(first.material().keyStore());
        ssl.setKeyStorePassword(first.material().password());
        return new TlsRenewal(gateway, identities, first, m -> ssl.reload(f -> {
            f.setKeyStore(m.keyStore());
            f.setKeyStorePassword(m.password());
        }), clock, random);
    }

    RenewalStatus status() {
        return status;
    }

    List<String> identities() {
        return identities;
    }

    /** Renews if due (and no failure's backoff is running); never throws. */
    synchronized void tick() {
        Instant now = clock.instant();
        RenewalStatus s = status;
        if (s.retryAt().isPresent() && now.isBefore(s.retryAt().get())) {
            return;
        }
        try {
            Optional<String> why = due(s.serving(), now);
            if (why.isPresent()) {
                renew(s, why.get());
            } else if (s.failures() > 0) {
                status = fresh(s.serving(), s.renewals()); // the store is readable again and nothing is due
            }
        } catch (IssuanceRefused | StoreException e) {
            failed(s, now, e.getMessage());
        } catch (Exception e) {
            LOG.debug("renewal failure", e);
            failed(s, now, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Optional<String> due(Cert leaf, Instant now) throws StoreException {
        long revision = gateway.store().revision();
        if (revision != seenRevision) {
            Optional<CertificateStatus> st = gateway.store().status(leaf.serial());
            if (st.isPresent() && st.get().revoked()) {
                revoked = Optional.of(st.get().reason().orElse(RevocationReason.UNSPECIFIED));
            }
            seenRevision = revision;
        }
        if (revoked.isPresent()) {
            return Optional.of("it was revoked (" + revoked.get().rfcName() + ")");
        }
        if (!now.isBefore(leaf.notAfter())) {
            return Optional.of("it expired at " + leaf.notAfter());
        }
        if (!now.isBefore(RenewalTimes.renewAt(leaf))) {
            return Optional.of("two thirds of its lifetime have passed");
        }
        return Optional.empty();
    }

    private void renew(RenewalStatus s, String why) throws Exception {
        boolean rekey = revoked.isPresent();
        KeyPair k = rekey ? TlsIdentity.newKey(random) : key;
        TlsIdentity.Material m = TlsIdentity.certify(gateway, identities, k, random);
        installer.install(m);
        key = k;
        revoked = Optional.empty();
        status = fresh(m.leaf(), s.renewals() + 1);
        LOG.info("renewed the gateway's TLS certificate because {}: serial {} -> {} ({}), valid until {}, renewal due {}",
                why, hex(s.serving()), hex(m.leaf()), rekey ? "new key" : "same key", m.leaf().notAfter(),
                status.renewAt());
    }

    private void failed(RenewalStatus s, Instant now, String reason) {
        int failures = s.failures() + 1;
        Instant retry = now.plus(RenewalTimes.retryAfter(failures, s.serving()));
        status = new RenewalStatus(s.serving(), s.renewAt(), s.renewals(), failures, Optional.of(reason), Optional.of(retry));
        boolean expired = !now.isBefore(s.serving().notAfter());
        LOG.warn("renewing the gateway's TLS certificate failed (attempt {}): {}; still serving serial {} ({} {}), next attempt at {}",
                failures, reason, hex(s.serving()), expired ? "EXPIRED at" : "valid until", s.serving().notAfter(), retry);
    }

    private static RenewalStatus fresh(Cert leaf, int renewals) {
        return new RenewalStatus(leaf, RenewalTimes.renewAt(leaf), renewals, 0, Optional.empty(), Optional.empty());
    }

    private static String hex(Cert c) {
        return c.serial().toString(16);
    }
}
