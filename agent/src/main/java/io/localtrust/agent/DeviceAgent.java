package io.localtrust.agent;

import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.ChallengeAnswers;
import io.localtrust.agent.onboarding.DeviceDenied;
import io.localtrust.agent.onboarding.Enrolment;
import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.agent.onboarding.GatewayClock;
import io.localtrust.agent.onboarding.OnboardingException;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.agent.onboarding.PairingCode;
import io.localtrust.agent.renewal.RenewalPlan;
import io.localtrust.agent.stapling.StapleFetcher;
import io.localtrust.agent.stapling.Stapler;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.agent.web.DeviceView;
import io.localtrust.login.LoginGuard;
import io.localtrust.agent.web.Route;
import io.localtrust.agent.web.StatusTokenRoute;
import io.localtrust.tokens.DeviceStatus;
import io.localtrust.tokens.StatusTokenSigner;
import io.localtrust.tokens.TokenSigningException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.shredzone.acme4j.Login;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running device: its web server, onboarding until it has a certificate, stapling, renewal.
 * One worker thread enrols (first boot, re-enrolment after expiry or revocation, renewal) and
 * sleeps otherwise; the scheduler refreshes the OCSP staple. Status changes go to the console
 * listener as they happen. The composition root (the CLI) opens the identity and the gateway
 * trust first, so a refused start changes nothing.
 */
public final class DeviceAgent implements DeviceView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceAgent.class);
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final DeviceIdentity identity;
    private final StateDir dir;
    private final AgentSettings settings;
    private final Enrolment enrolment;
    private final GatewayAcmeProvider provider;
    private final Stapler stapler;
    private final AgentRuntime runtime;
    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<OnboardingStatus> console;
    private final ScheduledExecutorService scheduler;
    private final GatewayClock gatewayClock;
    private final StatusTokenRoute statusTokens;
    private AgentServer server;
    private Thread worker;
    private volatile boolean closed;
    private volatile boolean revoked;
    private volatile Optional<CertChain> chain = Optional.empty();
    private volatile Instant renewAt = Instant.MAX;
    /** When the gateway's renewal information (ARI) is asked again for the served certificate. */
    private volatile Instant ariAt = Instant.MAX;
    private volatile OnboardingStatus onboarding;
    private volatile String renewal = "no certificate yet";
    private volatile boolean renewalFailing;
    private volatile Optional<String> clockWarning = Optional.empty();

    private DeviceAgent(DeviceIdentity identity, StateDir dir, Cert gatewayRoot, AgentSettings settings,
                        AgentRuntime runtime, Clock clock, SecureRandom random, Consumer<OnboardingStatus> console) {
        this.identity = identity;
        this.dir = dir;
        this.settings = settings;
        this.runtime = runtime;
        this.clock = clock;
        this.random = random;
        this.console = console;
        this.provider = runtime.gateway(gatewayRoot, clock);
        this.onboarding = OnboardingStatus.of(Phase.CONTACTING, "starting", clock.instant());
        ChallengeAnswers answers = new ChallengeAnswers();
        this.answers = answers;
        this.enrolment = new Enrolment(settings.directory(), provider, answers, settings.poll(), settings.stepTimeout(), clock,
                this::progress);
        this.stapler = new Stapler(new StapleFetcher(runtime.ocspClient(), Duration.ofSeconds(10), clock)::fetch, settings.statusCheck(), clock,
                () -> revoked = true);
        this.gatewayClock = new GatewayClock(provider.clockProbeClient(Duration.ofSeconds(5)), clock, Duration.ofSeconds(5));
        this.statusTokens = new StatusTokenRoute(identity.state().name(), settings.firmwareVersion(), this::deviceStatus);
        // virtual threads: a simulated fleet runs a thousand agents in one JVM (fleet module)
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("device-stapling").factory());
    }

    private final ChallengeAnswers answers;

    /**
     * Starts serving: HTTP at once, HTTPS with the kept certificate if it is still valid; enrols
     * in the background otherwise.
     *
     * @throws IOException a port in use or an address that cannot be bound
     */
    public static DeviceAgent start(DeviceIdentity identity, StateDir dir, Cert gatewayRoot, String passwordHash,
                                    AgentSettings settings, AgentRuntime runtime, List<Route> routes, Clock clock,
                                    SecureRandom random, Consumer<OnboardingStatus> console) throws Exception {
        DeviceAgent a = new DeviceAgent(identity, dir, gatewayRoot, settings, runtime, clock, random, console);
        List<Route> all = new ArrayList<>(routes);
        all.add(a.statusTokens);
        a.server = AgentServer.start(runtime, settings.listen(), a, a.answers, new LoginGuard(passwordHash, clock, random), all);
        try {
            Optional<CertChain> kept = dir.readChain();
            if (kept.isPresent() && java.util.Arrays.equals(kept.get().leaf().spkiDer(), identity.key().publicKey().getEncoded())
                    && clock.instant().isBefore(kept.get().leaf().notAfter())) {
                a.install(kept.get(), Optional.empty());
                a.progress(OnboardingStatus.of(Phase.ISSUED, "serving the kept certificate "
                        + kept.get().leaf().serial().toString(16) + ", valid until " + kept.get().leaf().notAfter(), clock.instant()));
            } else if (kept.isPresent()) {
                LOG.warn("the kept certificate {} has expired (or is not for this key): enrolling again",
                        kept.get().leaf().serial().toString(16));
            }
            runtime.staples().register(a.stapler);
            a.scheduler.scheduleWithFixedDelay(a.stapler::tick, 0, 1, TimeUnit.SECONDS);
            a.worker = Thread.ofVirtual().name("device-enrolment").start(a::work);
            return a;
        } catch (Exception e) {
            a.close();
            throw e;
        }
    }

    public int httpPort() {
        return server.httpPort();
    }

    public Optional<Integer> httpsPort() {
        return server.httpsPort();
    }

    private void progress(OnboardingStatus s) {
        onboarding = s;
        console.accept(s);
    }

    private void install(CertChain c, Optional<Login> login) throws Exception {
        Cert leaf = c.leaf();
        Instant now = clock.instant();
        if (leaf.notBefore().isAfter(now.plus(SKEW))) {
            warnClock("the certificate is valid only from " + leaf.notBefore() + " but this device's clock says " + now
                    + ": is the clock behind?");
        }
        StatusTokenSigner tokens = signer(c);
        stapler.serve(c);
        stapler.tick();
        server.install(identity.key(), c);
        statusTokens.use(tokens);
        chain = Optional.of(c);
        revoked = false;
        Optional<Instant> ari = login.flatMap(l -> enrolment.suggestedRenewal(l, x509(leaf)));
        renewAt = RenewalPlan.renewAt(leaf, ari);
        renewal = "renewal due " + renewAt + (ari.isPresent() ? " (gateway's ARI window)" : " (two thirds of its lifetime)");
        ariAt = clock.instant().plus(settings.statusCheck());
    }

    /**
     * Asks the gateway's ARI (RFC 9773 §4.3) again, every {@code --status-check}: a window that now
     * starts earlier (a revocation, an issuing CA to be retired) brings the renewal forward even when
     * OCSP cannot say so. A gateway that cannot be asked changes nothing; it is asked again later.
     *
     * @return the account, logged in, for the next ask or enrolment
     */
    private Optional<Login> recheckAri(CertChain served, Optional<Login> login) {
        ariAt = clock.instant().plus(settings.statusCheck());
        try {
            runtime.awaitEnrolmentSlot(); // a fleet's agents, installed together, would all ask at once
            Login l = login.isPresent() ? login.get() : enrolment.login(identity.account());
            Optional<Instant> ari = enrolment.suggestedRenewal(l, x509(served.leaf()));
            Instant at = RenewalPlan.renewAt(served.leaf(), ari);
            if (at.isBefore(renewAt)) {
                LOG.info("the gateway's renewal information (ARI) moves the renewal of {} forward to {}",
                        served.leaf().serial().toString(16), at);
                renewAt = at;
                renewal = "renewal due " + at + " (gateway's ARI window)";
            }
            return Optional.of(l);
        } catch (OnboardingException e) {
            LOG.debug("asking the gateway's ARI failed: {}", e.getMessage());
            return login;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            closed = true;
            return login;
        }
    }

    /** The enrolment worker: enrols when there is no usable certificate or renewal is due, with backoff. */
    private void work() {
        Optional<Login> login = Optional.empty();
        int failures = 0;
        Instant retryAt = Instant.MIN;
        boolean denied = false;
        Duration longestRetry = RenewalPlan.retryAfter(RenewalPlan.BACKOFF.size(), Optional.empty(), settings.firstRetry());
        while (!closed) {
            Instant now = clock.instant();
            Optional<CertChain> c = chain;
            boolean usable = c.isPresent() && now.isBefore(c.get().leaf().notAfter()) && !revoked;
            // (or planned further ahead than its interval: on a clock that has since gone back)
            if (usable && (!now.isBefore(ariAt) || ariAt.isAfter(now.plus(settings.statusCheck())))) {
                login = recheckAri(c.get(), login);
            }
            boolean due = !usable || !now.isBefore(renewAt);
            // a retry planned further ahead than the backoff table's longest wait was planned on a clock that has
            // since gone back (NTP): it is due now, not after as long as the clock was wrong
            boolean retryPlanned = now.isBefore(retryAt) && !retryAt.isAfter(now.plus(longestRetry));
            if (denied || !due || retryPlanned) {
                pause(Duration.ofMillis(250));
                continue;
            }
            try {
                runtime.awaitEnrolmentSlot(); // a fleet's agents must not storm their gateway at once
                if (login.isEmpty()) {
                    gatewayClock.check(settings.directory()).ifPresent(this::warnClock);
                    login = Optional.of(enrolment.login(identity.account()));
                }
                Optional<PairingCode> code = usable ? Optional.empty()
                        : Optional.of(PairingCode.fresh(identity.devId(), now, random));
                Optional<X509Certificate> replaces = usable ? c.map(x -> x509(x.leaf())) : Optional.empty();
                Optional<InetAddress> address = Optional.of(settings.listen().bind()).filter(a -> !a.isAnyLocalAddress());
                CertChain issued = enrolment.enrol(login.get(), identity.key(),
                        new Enrolment.Request(identity.state().name(), address, code, replaces));
                dir.writeChain(issued);
                install(issued, login);
                progress(OnboardingStatus.of(Phase.ISSUED, "certificate " + issued.leaf().serial().toString(16)
                        + " issued, valid until " + issued.leaf().notAfter() + ", served over HTTPS; " + renewal, clock.instant()));
                failures = 0;
                renewalFailing = false;
            } catch (DeviceDenied e) {
                denied = true;
                progress(OnboardingStatus.of(Phase.DENIED, e.getMessage(), clock.instant()));
            } catch (Enrolment.PairingExpired e) {
                LOG.info(e.getMessage());
            } catch (OnboardingException e) {
                failures++;
                renewalFailing = true;
                retryAt = clock.instant().plus(RenewalPlan.retryAfter(failures, c.map(CertChain::leaf), settings.firstRetry()));
                login = Optional.empty();
                renewal = (usable ? "renewal" : "enrolment") + " failed: " + e.getMessage() + "; next attempt at " + retryAt;
                if (usable) {
                    LOG.warn("renewal failed (attempt {}): {}; still serving {} until {}; next attempt at {}", failures,
                            e.getMessage(), c.get().leaf().serial().toString(16), c.get().leaf().notAfter(), retryAt);
                } else {
                    progress(new OnboardingStatus(Phase.FAILED, e.getMessage(), Optional.empty(), Optional.of(retryAt),
                            clock.instant()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closing: waiting for an enrolment slot ends here
                closed = true;
            } catch (Exception e) {
                failures++;
                retryAt = clock.instant().plus(RenewalPlan.retryAfter(failures, c.map(CertChain::leaf), settings.firstRetry()));
                LOG.warn("installing the certificate failed: {}; next attempt at {}", e.toString(), retryAt);
            }
        }
    }

    /** The signer of the chain just installed: tokens name the chain the TLS connection presents. */
    private StatusTokenSigner signer(CertChain c) throws TokenSigningException {
        Duration lifetime = Duration.ofMinutes(2);
        return identity.key().provider().isPresent()
                ? new StatusTokenSigner(identity.key().privateKey(), identity.key().provider().get(), c, clock, lifetime)
                : new StatusTokenSigner(identity.key().privateKey(), c, clock, lifetime);
    }

    /** What the status token says: ok while certified, stapled and renewing fine; degraded otherwise. */
    private DeviceStatus deviceStatus() {
        boolean stapled = stapler.view().staple().isPresent();
        return certified() && stapled && !renewalFailing ? DeviceStatus.OK : DeviceStatus.DEGRADED;
    }

    private void warnClock(String warning) {
        if (!clockWarning.equals(Optional.of(warning))) {
            LOG.warn(warning);
        }
        clockWarning = Optional.of(warning);
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static X509Certificate x509(Cert c) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(c.der()));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("a parsed certificate no longer parses", e);
        }
    }

    @Override
    public String name() {
        return identity.state().name();
    }

    @Override
    public String devId() {
        return identity.devId();
    }

    @Override
    public OnboardingStatus onboarding() {
        return onboarding;
    }

    @Override
    public Optional<CertChain> served() {
        return chain;
    }

    @Override
    public boolean certified() {
        return chain.map(c -> clock.instant().isBefore(c.leaf().notAfter())).orElse(false) && !revoked;
    }

    @Override
    public Stapler.View stapling() {
        return stapler.view();
    }

    @Override
    public String renewal() {
        return renewal;
    }

    @Override
    public Optional<String> clockWarning() {
        return clockWarning;
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
        }
        scheduler.shutdownNow();
        runtime.staples().unregister(stapler);
        if (server != null) {
            server.close();
        }
        // the gateway clients are the runtime's, shared with the other agents of this JVM
    }
}
