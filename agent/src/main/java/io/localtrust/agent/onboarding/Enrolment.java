package io.localtrust.agent.onboarding;

import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.identity.Signing;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.CertificateRequests;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * One enrolment of the device at its gateway's ACME server (RFC 8555 §7) with acme4j: its
 * account (a key of its own, never the device key), an order for its name and — when it listens
 * on one address — that address as an RFC 8738 {@code ip} identifier, so both
 * {@code https://NAME} and {@code https://ADDRESS} verify; http-01 answered on its own HTTP port
 * ({@link ChallengeAnswers}); finalize with a CSR signed by the device key (in its token, if it
 * is in one) carrying the pairing code; then waiting in {@code processing} for the owner's
 * approval, polling. Used for the first enrolment and for every renewal (then with
 * {@code replaces}, RFC 9773). Each step is reported to the listener.
 */
public final class Enrolment {
    /** What the device orders. */
    public record Request(String name, Optional<InetAddress> address, Optional<PairingCode> pairing,
                          Optional<X509Certificate> replaces) {
        public Request {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(pairing, "pairing");
            Objects.requireNonNull(replaces, "replaces");
        }
    }

    /** How a waiting enrolment ended without a certificate: its pairing code expired (a new one is due). */
    public static final class PairingExpired extends OnboardingException {
        public PairingExpired() {
            super("the pairing code expired before the owner typed it: showing a new one");
        }
    }

    private final URI directory;
    private final GatewayAcmeProvider provider;
    private final ChallengeAnswers answers;
    private final Duration poll;
    private final Duration stepTimeout;
    private final Clock clock;
    private final Consumer<OnboardingStatus> listener;

    public Enrolment(URI directory, GatewayAcmeProvider provider, ChallengeAnswers answers, Duration poll,
                     Duration stepTimeout, Clock clock, Consumer<OnboardingStatus> listener) {
        this.directory = directory;
        this.provider = provider;
        this.answers = answers;
        this.poll = poll;
        this.stepTimeout = stepTimeout;
        this.clock = clock;
        this.listener = listener;
    }

    /** An ACME session logged into the device's account (made on first use; the same key finds it again). */
    public Login login(DeviceKey accountKey) throws OnboardingException {
        try {
            Session session = new Session(directory, provider);
            Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey.keyPair()).create(session);
            return session.login(account.getLocation(), accountKey.keyPair());
        } catch (AcmeException | RuntimeException e) {
            throw failure("cannot open the ACME account at " + directory, e);
        }
    }

    /**
     * Enrols: order, validate, finalize, wait for approval.
     *
     * @throws DeviceDenied     the owner denied the device
     * @throws PairingExpired   the code expired while waiting: enrol again with a fresh one
     * @throws OnboardingException anything else, {@linkplain OnboardingException#retryable() retryable} or not
     */
    public CertChain enrol(Login login, DeviceKey deviceKey, Request r) throws OnboardingException {
        try {
            report(Phase.CONTACTING, "ordering a certificate for " + describe(r) + " at " + directory.getHost());
            OrderBuilder builder = login.newOrder().identifier(Identifier.dns(r.name()));
            r.address().ifPresent(a -> builder.identifier(Identifier.ip(a)));
            if (r.replaces().isPresent()) {
                builder.replaces(r.replaces().get());
            }
            Order order = builder.create();
            for (Authorization auth : order.getAuthorizations()) {
                validate(auth);
            }
            await(order, "the order to be ready", Status.READY);
            byte[] csr = CertificateRequests.create(deviceKey.privateKey(), deviceKey.publicKey(), deviceKey.provider(),
                    List.of(r.name()), r.address().map(a -> List.of(a.getHostAddress())).orElse(List.of()),
                    r.pairing().map(PairingCode::code), Signing.algorithm(deviceKey.publicKey()));
            order.execute(csr);
            Status s = await(order, "finalize", Status.PROCESSING, Status.VALID);
            if (s == Status.PROCESSING) {
                waitForApproval(order, deviceKey, r.pairing());
            }
            return chain(order.getCertificate().getCertificateChain());
        } catch (AcmeException | RuntimeException e) {
            throw failure("enrolment at " + directory.getHost() + ":" + directory.getPort(), e);
        }
    }

    /** The gateway's suggested renewal time for {@code leaf} (ARI, RFC 9773), if it offers one. */
    public Optional<Instant> suggestedRenewal(Login login, X509Certificate leaf) {
        try {
            var info = login.bindRenewalInfo(leaf);
            info.fetch();
            return Optional.of(info.getSuggestedWindowStart());
        } catch (AcmeException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void validate(Authorization auth) throws AcmeException, OnboardingException {
        if (auth.getStatus() == Status.VALID) {
            return;
        }
        Http01Challenge challenge = auth.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> new OnboardingException("the gateway offered no http-01 challenge for "
                        + auth.getIdentifier().getValue(), false));
        report(Phase.VALIDATING, "answering http-01 for " + auth.getIdentifier().getValue());
        answers.answer(challenge.getToken(), challenge.getAuthorization());
        try {
            challenge.trigger();
            Status s = awaitStatus(() -> {
                auth.fetch();
                return auth.getStatus();
            }, "validation of " + auth.getIdentifier().getValue(), Status.VALID);
            if (s != Status.VALID) {
                challenge.fetch();
                throw new OnboardingException("the gateway could not validate " + auth.getIdentifier().getValue() + ": "
                        + challenge.getError().map(Enrolment::text).orElse("no reason given"));
            }
        } finally {
            answers.forget(challenge.getToken());
        }
    }

    private void waitForApproval(Order order, DeviceKey deviceKey, Optional<PairingCode> pairing)
            throws AcmeException, OnboardingException {
        String how = pairing.map(p -> "type pairing code " + p.code() + " on the gateway (gateway approve --code "
                + p.code() + ")").orElse("approve dev-id " + deviceKey.devId() + " on the gateway");
        listener.accept(new OnboardingStatus(Phase.WAITING_FOR_APPROVAL, "waiting for the owner's approval: " + how,
                pairing, Optional.empty(), clock.instant()));
        while (true) {
            sleep(poll);
            order.fetch();
            Status s = order.getStatus();
            if (s == Status.VALID) {
                return;
            }
            if (s == Status.INVALID) {
                String why = order.getError().map(Enrolment::text).orElse("the order became invalid");
                Optional<Problem> p = order.getError();
                if (p.isPresent() && p.get().getType().toString().endsWith(":unauthorized")) {
                    throw new DeviceDenied(why);
                }
                throw new OnboardingException(why, false);
            }
            if (pairing.isPresent() && pairing.get().expiredAt(clock.instant())) {
                throw new PairingExpired();
            }
        }
    }

    private interface StatusPoll {
        Status fetch() throws AcmeException;
    }

    private Status await(Order order, String what, Status... until) throws AcmeException, OnboardingException {
        return awaitStatus(() -> {
            order.fetch();
            return order.getStatus();
        }, what, until);
    }

    private Status awaitStatus(StatusPoll p, String what, Status... until) throws AcmeException, OnboardingException {
        Instant deadline = clock.instant().plus(stepTimeout);
        while (true) {
            Status s = p.fetch();
            for (Status u : until) {
                if (s == u) {
                    return s;
                }
            }
            if (s == Status.INVALID) {
                return s;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new OnboardingException("the gateway is slow: " + what + " is still " + s.name().toLowerCase(Locale.ROOT)
                        + " after " + stepTimeout.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(Math.min(poll.toMillis(), 500)));
        }
    }

    private void report(Phase phase, String detail) {
        listener.accept(OnboardingStatus.of(phase, detail, clock.instant()));
    }

    private static void sleep(Duration d) throws OnboardingException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnboardingException("interrupted", false);
        }
    }

    private static String describe(Request r) {
        return r.name() + r.address().map(a -> " and " + a.getHostAddress()).orElse("");
    }

    private static String text(Problem p) {
        return p.getDetail().orElse(p.getType().toString());
    }

    /** acme4j's errors as one line: its network errors say only "Network error", the cause says which. */
    private static OnboardingException failure(String what, Exception e) {
        if (e instanceof AcmeServerException s && s.getProblem() != null) {
            boolean retry = s.getProblem().getType().toString().matches(".*:(serverInternal|rateLimited|badNonce)$");
            return new OnboardingException(what + ": the gateway refused: " + text(s.getProblem()), retry);
        }
        if (e instanceof AcmeNetworkException) {
            String why = NetworkFailure.describe(e);
            String lead = why.startsWith("TLS failed") ? ": no trusted TLS from the gateway ("
                    // a timeout may be a gateway that took the connection and never answered: slow, not unreachable
                    : why.equals("no answer in time") || why.equals("connection timed out") ? ": no answer from the gateway in time ("
                    : ": gateway unreachable (";
            return new OnboardingException(what + lead + why + ")", e);
        }
        if (e instanceof AcmeProtocolException || e instanceof RuntimeException) {
            return new OnboardingException(what + ": the gateway answered something that is not ACME ("
                    + Printable.line(String.valueOf(e.getMessage())) + ")", e);
        }
        return new OnboardingException(what + ": " + Printable.line(String.valueOf(e.getMessage())), e);
    }

    private static CertChain chain(List<X509Certificate> certs) throws OnboardingException {
        try {
            CertificateReader reader = new CertificateReader();
            List<Cert> parsed = new ArrayList<>();
            for (X509Certificate c : certs) {
                parsed.add(reader.parseDer(c.getEncoded()));
            }
            return CertChain.of(parsed);
        } catch (CertificateParseException | CertificateEncodingException e) {
            throw new OnboardingException("the gateway sent an unreadable certificate chain: " + e.getMessage());
        }
    }
}
