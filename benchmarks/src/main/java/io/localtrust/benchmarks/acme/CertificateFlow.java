package io.localtrust.benchmarks.acme;

import java.net.InetAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * One device onboarding end to end with acme4j, as the load generator repeats it: a new account
 * (a fresh P-256 key), a new order for the device's {@code ip} identifier (RFC 8738), http-01
 * answered by the {@link ChallengeServer}, the challenge triggered and the authorization polled
 * until valid, finalize with a CSR for a fresh P-256 device key, the order polled until valid,
 * and the chain downloaded and checked: the leaf certifies the device key for the address, and
 * its issuer (the chain's second certificate) signed it.
 *
 * <p>Polling is the client's, the same for every server: every {@code poll}, regardless of
 * {@code Retry-After}, so a server that answers sooner is seen sooner.
 */
final class CertificateFlow {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int IP_SAN = 7;

    private final URI directory;
    private final TrustingProvider provider;
    private final ChallengeServer challenges;
    private final InetAddress address;
    private final Duration poll;
    private final KeyPairGenerator keys;

    CertificateFlow(URI directory, TrustingProvider provider, ChallengeServer challenges, InetAddress address, Duration poll,
                    SecureRandom random) throws GeneralSecurityException {
        this.directory = directory;
        this.provider = provider;
        this.challenges = challenges;
        this.address = address;
        this.poll = poll;
        this.keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(new ECGenParameterSpec("secp256r1"), random);
    }

    /** Runs the whole flow once; returns the downloaded chain (leaf first). */
    List<X509Certificate> run() throws FlowFailed, InterruptedException {
        try {
            Session session = new Session(directory, provider);
            Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(keys.generateKeyPair()).create(session);
            Order order = account.newOrder().identifier(Identifier.ip(address)).create();
            for (Authorization auth : order.getAuthorizations()) {
                validate(auth);
            }
            KeyPair device = keys.generateKeyPair();
            order.execute(device);
            await("the order", () -> {
                order.fetch();
                return order.getStatus();
            }, order.getStatus(), Status.VALID);
            order.getCertificate().download();
            List<X509Certificate> chain = order.getCertificate().getCertificateChain();
            check(chain, device);
            return chain;
        } catch (AcmeException | org.shredzone.acme4j.exception.AcmeLazyLoadingException e) {
            // acme4j's messages say little ("Network error"); the cause says which
            throw new FlowFailed(e.getClass().getSimpleName() + ": " + e.getMessage() + causes(e), e);
        }
    }

    private void validate(Authorization auth) throws AcmeException, FlowFailed, InterruptedException {
        if (auth.getStatus() == Status.VALID) {
            return; // reused: never with a fresh account, but not an error either
        }
        Http01Challenge challenge = auth.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> new FlowFailed("no http-01 challenge offered for " + auth.getIdentifier().getValue()));
        challenges.answer(challenge.getToken(), challenge.getAuthorization());
        try {
            challenge.trigger();
            Status s = await("the authorization of " + auth.getIdentifier().getValue(), () -> {
                auth.fetch();
                return auth.getStatus();
            }, Status.PENDING, Status.VALID);
            if (s != Status.VALID) {
                challenge.fetch();
                throw new FlowFailed("http-01 for " + auth.getIdentifier().getValue() + " is " + lower(s) + ": "
                        + challenge.getError().map(Object::toString).orElse("no reason given"));
            }
        } finally {
            challenges.forget(challenge.getToken());
        }
    }

    private interface StatusFetch {
        Status fetch() throws AcmeException;
    }

    /** Polls every {@code poll} until {@code until} or a final state; the current status first, without a request. */
    private Status await(String what, StatusFetch fetch, Status current, Status until)
            throws AcmeException, FlowFailed, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Status s = current;
        while (s != until) {
            if (s == Status.INVALID || s == Status.DEACTIVATED || s == Status.EXPIRED || s == Status.REVOKED) {
                return s;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new FlowFailed(what + " is still " + lower(s) + " after " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(poll);
            s = fetch.fetch();
        }
        return s;
    }

    private void check(List<X509Certificate> chain, KeyPair device) throws FlowFailed {
        if (chain.size() < 2) {
            throw new FlowFailed("the chain has " + chain.size() + " certificate(s), not leaf and issuer");
        }
        X509Certificate leaf = chain.get(0);
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), device.getPublic().getEncoded())) {
            throw new FlowFailed("the certificate does not certify the device key");
        }
        try {
            boolean named = leaf.getSubjectAlternativeNames() != null && leaf.getSubjectAlternativeNames().stream()
                    .anyMatch(n -> ((Integer) n.get(0)) == IP_SAN && address.getHostAddress().equals(n.get(1)));
            if (!named) {
                throw new FlowFailed("the certificate does not name " + address.getHostAddress());
            }
            leaf.verify(chain.get(1).getPublicKey());
        } catch (CertificateParsingException e) {
            throw new FlowFailed("the certificate's names do not parse: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new FlowFailed("the certificate is not signed by the chain's issuer: " + e.getMessage(), e);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = e.getCause(); c != null && b.length() < 300; c = c.getCause()) {
            b.append(" (").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
        }
        return b.toString();
    }

    private static String lower(Status s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** One flow did not end with a checked certificate: why, in one line. */
    static final class FlowFailed extends Exception {
        FlowFailed(String message) {
            super(message);
        }

        FlowFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
