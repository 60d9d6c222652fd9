package io.localtrust.agent.publicname;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.ChallengeAnswers;
import io.localtrust.agent.onboarding.OnboardingException;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.agent.renewal.RenewalPlan;
import io.localtrust.agent.stapling.Stapler;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.agent.web.DeviceView;
import io.localtrust.login.LoginGuard;
import io.localtrust.x509.CertChain;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device that needs no gateway (U-CA/S): it registers with a names service by proof of its key,
 * obtains {@code *.<dev-id>.<zone>} from a public CA ({@link PublicNameEnrolment}), and serves its
 * admin page at {@code https://<hex-address>.<dev-id>.<zone>} with the same web server as a
 * gateway-enrolled device ({@link AgentServer}). A kept certificate still valid is served at once;
 * renewal at two thirds of the lifetime; each start and each enrolment registers again (a new API
 * key, never stored: the device key is the credential) with the address it listens on, so
 * {@code <dev-id>.<zone>} follows the device to a new address even while a kept certificate is served. Failures are retried with a doubling wait from {@code firstRetry}, up to an hour.
 * A public CA's certificate carries no OCSP URL a device should staple for (Let's Encrypt ended
 * OCSP in 2025), so nothing is stapled.
 */
public final class PublicNameDevice implements DeviceView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublicNameDevice.class);
    private static final Duration MAX_RETRY = Duration.ofHours(1);
    /** How often a certified device asks where it is now ({@link DeviceAddress}). */
    public static final Duration ADDRESS_CHECK = Duration.ofMinutes(1);
    private final DeviceIdentity identity;
    private final StateDir dir;
    private final NameServiceClient names;
    private final PublicNameEnrolment enrolment;
    private final DeviceAddress where;
    private final Duration addressCheck;
    private final Duration firstRetry;
    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<OnboardingStatus> console;
    private AgentServer server;
    private Thread worker;
    private volatile boolean closed;
    private volatile Optional<CertChain> chain = Optional.empty();
    private volatile OnboardingStatus status;
    private volatile String renewal = "no certificate yet";
    private volatile Optional<String> fulldomain = Optional.empty();
    /** The address the names service last took for this device. */
    private volatile Optional<InetAddress> registered = Optional.empty();

    private PublicNameDevice(DeviceIdentity identity, StateDir dir, NameServiceClient names, PublicNameEnrolment enrolment,
            DeviceAddress where, Duration addressCheck, Duration firstRetry, Clock clock, SecureRandom random,
            Consumer<OnboardingStatus> console) {
        this.identity = identity;
        this.dir = dir;
        this.names = names;
        this.enrolment = enrolment;
        this.where = where;
        this.addressCheck = addressCheck;
        this.firstRetry = firstRetry;
        this.clock = clock;
        this.random = random;
        this.console = console;
        this.status = OnboardingStatus.of(Phase.CONTACTING, "starting", clock.instant());
    }

    /**
     * Serves HTTP at once (and HTTPS with a kept certificate still valid), then enrols in the background.
     *
     * @param runtime the process's shared web server threads, timer and buffers (not closed with the device)
     * @param where the address to register, asked again every {@code addressCheck}: when it changes, the
     *              device registers the new one ({@link DeviceAddress#fixed} for a device bound to one address)
     * @throws IOException a port in use
     */
    public static PublicNameDevice start(DeviceIdentity identity, StateDir dir, NameServiceClient names, PublicNameEnrolment enrolment,
            AgentRuntime runtime, AgentServer.Listen listen, DeviceAddress where, Duration addressCheck, String passwordHash,
            Duration firstRetry, Clock clock, SecureRandom random, Consumer<OnboardingStatus> console) throws Exception {
        PublicNameDevice d = new PublicNameDevice(identity, dir, names, enrolment, where, addressCheck, firstRetry, clock, random,
                console);
        d.server = AgentServer.start(runtime, listen, d, new ChallengeAnswers(), new LoginGuard(passwordHash, clock, random), List.of());
        try {
            Optional<CertChain> kept = dir.readChain();
            if (kept.isPresent() && usable(kept.get(), identity, clock.instant())) {
                d.install(kept.get());
                d.progress(Phase.ISSUED, "serving the kept certificate for " + kept.get().leaf().dnsNames());
            }
            d.worker = Thread.ofVirtual().name("device-public-name").start(d::work);
            return d;
        } catch (Exception e) {
            d.close();
            throw e;
        }
    }

    private static boolean usable(CertChain c, DeviceIdentity identity, Instant now) {
        return java.util.Arrays.equals(c.leaf().spkiDer(), identity.key().publicKey().getEncoded()) && now.isBefore(c.leaf().notAfter())
                && c.leaf().dnsNames().stream().anyMatch(n -> n.startsWith("*." + identity.devId() + "."));
    }

    private void work() {
        Duration wait = firstRetry;
        while (!closed) {
            Instant due = chain.map(c -> RenewalPlan.renewAt(c.leaf(), Optional.empty())).orElse(Instant.MIN);
            if (clock.instant().isBefore(due)) {
                // certified: keep <dev-id>.<zone> answering where the device is now (a kept certificate at start, a DHCP move later)
                Optional<InetAddress> now = where.current();
                if (now.isPresent() && !now.equals(registered)) {
                    try {
                        NameRegistration reg = names.register(identity.key(), now, clock, random);
                        fulldomain = Optional.of(reg.fulldomain());
                        String what = registered.isPresent() ? "address changed: registered " : "registered ";
                        registered = now;
                        progress(Phase.ISSUED, what + now.get().getHostAddress() + " for " + reg.fulldomain());
                        wait = firstRetry;
                    } catch (OnboardingException e) {
                        LOG.warn("registering the address with the names service failed: {}", e.getMessage());
                        sleep(wait);
                        wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
                    }
                    continue;
                }
                Duration left = Duration.between(clock.instant(), due);
                sleep(left.compareTo(addressCheck) > 0 ? addressCheck : left);
                continue;
            }
            try {
                progress(Phase.CONTACTING, "registering with the names service");
                Optional<InetAddress> now = where.current();
                NameRegistration reg = names.register(identity.key(), now, clock, random);
                fulldomain = Optional.of(reg.fulldomain());
                registered = now;
                CertChain c = enrolment.obtain(identity.account().keyPair(), identity.key(), reg);
                dir.writeChain(c);
                install(c);
                progress(Phase.ISSUED, "certified " + reg.wildcard() + " until " + c.leaf().notAfter()
                        + now.map(a -> "; serving https://" + NameServiceClient.label(a) + "."
                                + reg.fulldomain()).orElse(""));
                wait = firstRetry;
            } catch (OnboardingException | IOException e) {
                if (closed) {
                    return;
                }
                Instant next = clock.instant().plus(wait);
                status = new OnboardingStatus(Phase.FAILED, e.getMessage(), Optional.empty(), Optional.of(next), clock.instant());
                console.accept(status);
                renewal = "the last attempt failed: " + e.getMessage();
                LOG.warn("public name enrolment failed: {}", e.getMessage());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            } catch (Exception e) {
                LOG.error("public name enrolment", e);
                sleep(wait);
            }
        }
    }

    private void install(CertChain c) throws Exception {
        server.install(identity.key(), c);
        chain = Optional.of(c);
        renewal = "renewal due " + RenewalPlan.renewAt(c.leaf(), Optional.empty()) + " (two thirds of its lifetime)";
    }

    private void progress(Phase phase, String detail) {
        status = OnboardingStatus.of(phase, detail, clock.instant());
        console.accept(status);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    public int httpPort() {
        return server.httpPort();
    }

    public Optional<Integer> httpsPort() {
        return server.httpsPort();
    }

    /** {@code <dev-id>.<zone>}, once registered. */
    public Optional<String> fulldomain() {
        return fulldomain;
    }

    @Override
    public String name() {
        return fulldomain.orElse(identity.state().name());
    }

    @Override
    public String devId() {
        return identity.devId();
    }

    @Override
    public OnboardingStatus onboarding() {
        return status;
    }

    @Override
    public Optional<CertChain> served() {
        return chain;
    }

    @Override
    public boolean certified() {
        return chain.map(c -> clock.instant().isBefore(c.leaf().notAfter())).orElse(false);
    }

    @Override
    public Stapler.View stapling() {
        return new Stapler.View(Optional.empty(), Optional.of("a public CA's certificate: nothing to staple"), Optional.empty());
    }

    @Override
    public String renewal() {
        return renewal;
    }

    @Override
    public Optional<String> clockWarning() {
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
        }
        if (server != null) {
            server.close();
        }
    }
}
