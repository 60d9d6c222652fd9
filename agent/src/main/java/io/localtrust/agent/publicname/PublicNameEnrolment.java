package io.localtrust.agent.publicname;

import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.identity.Signing;
import io.localtrust.agent.onboarding.OnboardingException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.CertificateRequests;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;

/**
 * The device's publicly trusted certificate (U-CA/S, docs/names.md): from a public ACME CA
 * (RFC 8555), by DNS-01 (§8.4) through the names service, for {@code *.<dev-id>.<zone>} and
 * {@code <dev-id>.<zone>} — one certificate for every {@code <hex-address>.<dev-id>.<zone>} the
 * device will ever have, so an address change needs no new certificate and the CA's budget
 * (docs/names.md, "The public CA's rate limits") is spent once per device. Both authorisations
 * share one challenge name; the service keeps two TXT values, so both are set before either is
 * triggered. The CSR is signed by the device key (in its token when it lives in one); the ACME
 * account has a key of its own.
 */
public final class PublicNameEnrolment {
    private final URI directory;
    private final AcmeProvider provider;
    private final NameServiceClient names;
    private final Duration poll;
    private final Duration stepTimeout;
    private final Clock clock;
    private final Consumer<String> progress;

    /**
     * @param directory   the public CA's ACME directory
     * @param provider    acme4j's provider for it (its TLS trust)
     * @param progress    each step, as a sentence, for the console
     */
    public PublicNameEnrolment(URI directory, AcmeProvider provider, NameServiceClient names, Duration poll, Duration stepTimeout,
            Clock clock, Consumer<String> progress) {
        this.directory = directory;
        this.provider = provider;
        this.names = names;
        this.poll = poll;
        this.stepTimeout = stepTimeout;
        this.clock = clock;
        this.progress = progress;
    }

    /** Orders, validates both names by DNS-01, finalizes with the device key's CSR; the chain. */
    public CertChain obtain(KeyPair accountKey, DeviceKey deviceKey, NameRegistration reg) throws OnboardingException {
        try {
            Session session = new Session(directory, provider);
            Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session);
            Login login = session.login(account.getLocation(), accountKey);
            progress.accept("ordering " + reg.wildcard() + " and " + reg.fulldomain() + " at " + directory.getHost());
            Order order = login.newOrder().domains(reg.wildcard(), reg.fulldomain()).create();
            List<Dns01Challenge> pending = new ArrayList<>();
            for (Authorization auth : order.getAuthorizations()) {
                if (auth.getStatus() == Status.VALID) {
                    continue;
                }
                Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow(() -> new OnboardingException(
                        directory.getHost() + " offered no dns-01 challenge for " + auth.getIdentifier().getValue(), false));
                names.setTxt(reg, c.getDigest());
                pending.add(c);
            }
            for (Dns01Challenge c : pending) {
                progress.accept("the CA validates dns-01 at _acme-challenge." + reg.fulldomain());
                c.trigger();
                Status s = await(() -> {
                    c.fetch();
                    return c.getStatus();
                }, "validation");
                if (s != Status.VALID) {
                    throw new OnboardingException(directory.getHost() + " could not validate _acme-challenge." + reg.fulldomain() + ": "
                            + c.getError().map(p -> p.getDetail().orElse(p.getType().toString())).orElse("no reason given"));
                }
            }
            await(() -> {
                order.fetch();
                return order.getStatus();
            }, "the order to be ready");
            byte[] csr = CertificateRequests.create(deviceKey.privateKey(), deviceKey.publicKey(), deviceKey.provider(),
                    List.of(reg.wildcard(), reg.fulldomain()), List.of(), Optional.empty(), Signing.algorithm(deviceKey.publicKey()));
            order.execute(csr);
            Status s = await(() -> {
                order.fetch();
                return order.getStatus();
            }, "the certificate");
            if (s != Status.VALID) {
                throw new OnboardingException(directory.getHost() + " did not issue: order " + s.name().toLowerCase(java.util.Locale.ROOT));
            }
            CertChain chain = chain(order.getCertificate().getCertificateChain());
            progress.accept("certified " + reg.wildcard() + " until " + chain.leaf().notAfter());
            return chain;
        } catch (AcmeException | RuntimeException e) {
            throw new OnboardingException("obtaining " + reg.wildcard() + " at " + directory.getHost() + ": "
                    + String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", " "), e);
        }
    }

    private interface StatusPoll {
        Status fetch() throws AcmeException;
    }

    /** Polls until the status leaves PENDING/PROCESSING/READY-before-finalize, or the step times out. */
    private Status await(StatusPoll p, String what) throws AcmeException, OnboardingException {
        Instant deadline = clock.instant().plus(stepTimeout);
        while (true) {
            Status s = p.fetch();
            if (s != Status.PENDING && s != Status.PROCESSING) {
                return s;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new OnboardingException(directory.getHost() + " is slow: " + what + " still " + s + " after "
                        + stepTimeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OnboardingException("interrupted", false);
            }
        }
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
            throw new OnboardingException("the CA sent an unreadable certificate chain: " + e.getMessage());
        }
    }
}
