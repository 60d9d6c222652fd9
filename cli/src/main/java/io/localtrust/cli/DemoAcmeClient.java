package io.localtrust.cli;

import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.locality.Addresses;
import io.localtrust.store.StoreException;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.Digests;
import io.localtrust.x509.KeyKind;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * What a demo device does to onboard (RFC 8555 §7): its own ACME account, an order, http-01 answered
 * on 127.0.0.1, finalize with the device key, then waiting in {@code processing} while the owner
 * approves it — by the pairing code the device shows, or explicitly by dev-id. Each step is told to
 * {@code story} as a short human line.
 */
final class DemoAcmeClient {
    /** How the owner approves the waiting device. */
    enum OwnerApproval { PAIRING_CODE, EXPLICIT }

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final URI directory;
    private final GatewayAcmeProvider provider;
    private final ChallengeResponder responder;
    private final Approvals approvals;
    private final SecureRandom random;
    private final Consumer<String> story;

    DemoAcmeClient(URI directory, GatewayAcmeProvider provider, ChallengeResponder responder, Approvals approvals,
                   SecureRandom random, Consumer<String> story) {
        this.directory = directory;
        this.provider = provider;
        this.responder = responder;
        this.approvals = approvals;
        this.random = random;
        this.story = story;
    }

    /**
     * Onboards {@code deviceKey} for the DNS names among {@code identities}; an address among them
     * becomes the loopback address the demo device really answers on (the sample's LAN address is
     * imaginary, and the gateway validates an {@code ip} identifier at itself).
     */
    CertChain onboard(KeyPair deviceKey, List<String> identities, OwnerApproval how) {
        String device = identities.get(0);
        try {
            Session session = new Session(directory, provider);
            Account account = new AccountBuilder().addEmail("owner@home.arpa").agreeToTermsOfService()
                    .useKeyPair(KeyKind.EC_P256.generate(random)).create(session);
            story.accept(device + ": ACME account made (" + account.getLocation().getPath() + ")");
            Order order = order(account, identities);
            validate(device, order);
            await(order, Set.of(Status.READY), "ready for finalize");
            order.execute(deviceKey);
            String devId = Digests.devId(deviceKey.getPublic().getEncoded());
            Status afterFinalize = await(order, Set.of(Status.PROCESSING, Status.VALID), "finalized");
            if (afterFinalize != Status.PROCESSING) {
                throw new IllegalStateException(device + " was issued before its owner approved it");
            }
            story.accept(device + ": finalized with its own key (dev-id " + devId + "); order processing, waiting for approval");
            approve(device, devId, how);
            await(order, Set.of(Status.VALID), "issued");
            X509Certificate leaf = order.getCertificate().getCertificate();
            story.accept(device + ": certificate serial " + leaf.getSerialNumber().toString(16) + " issued, valid until "
                    + leaf.getNotAfter().toInstant());
            return chain(order.getCertificate().getCertificateChain());
        } catch (AcmeException | StoreException | IssuanceRefused | CertificateParseException | CertificateEncodingException e) {
            throw new IllegalStateException("the demo device " + device + " could not onboard through ACME: " + reason(e), e);
        }
    }

    private Order order(Account account, List<String> identities) throws AcmeException {
        OrderBuilder builder = account.newOrder();
        List<String> ordered = new ArrayList<>();
        for (String identity : identities) {
            boolean address = Addresses.literal(identity).isPresent();
            String id = address ? responder.host() : identity;
            builder.identifier(address ? Identifier.ip(id) : Identifier.dns(id));
            ordered.add(id);
        }
        Order order = builder.create();
        story.accept(identities.get(0) + ": order for " + String.join(", ", ordered) + " "
                + order.getStatus().name().toLowerCase(Locale.ROOT));
        return order;
    }

    private void validate(String device, Order order) throws AcmeException {
        for (Authorization auth : order.getAuthorizations()) {
            Http01Challenge challenge = auth.findChallenge(Http01Challenge.class)
                    .orElseThrow(() -> new IllegalStateException("the gateway offered no http-01 challenge"));
            responder.answer(challenge.getToken(), challenge.getAuthorization());
            try {
                challenge.trigger();
                Status s = await(() -> {
                    auth.fetch();
                    return auth.getStatus();
                }, Set.of(Status.VALID, Status.INVALID), "validation of " + auth.getIdentifier().getValue());
                if (s != Status.VALID) {
                    challenge.fetch();
                    throw new IllegalStateException("http-01 for " + auth.getIdentifier().getValue() + " failed: "
                            + challenge.getError().map(Object::toString).orElse("no reason given"));
                }
            } finally {
                responder.forget(challenge.getToken());
            }
            story.accept(device + ": validated " + auth.getIdentifier().getValue() + " (http-01 answered on "
                    + responder.host() + ":" + responder.port() + ")");
        }
    }

    private void approve(String device, String devId, OwnerApproval how) throws StoreException, IssuanceRefused {
        if (how == OwnerApproval.PAIRING_CODE) {
            String code = pairingCode();
            approvals.offerPairingCode(devId, code);
            story.accept(device + ": shows pairing code " + code + "; the owner types it");
            approvals.approveByCode(code, "demo:owner");
            story.accept(device + ": approved by pairing code");
        } else {
            approvals.approve(devId, "demo:owner");
            story.accept(device + ": approved by the owner (gateway approve " + devId + ")");
        }
    }

    private String pairingCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(i == 4 ? "-" : "").append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** acme4j's network errors say only "Network error": the cause says which. */
    private static String reason(Exception e) {
        Throwable cause = e.getCause();
        return e.getMessage() + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }

    private static CertChain chain(List<X509Certificate> certs) throws CertificateParseException, CertificateEncodingException {
        CertificateReader reader = new CertificateReader();
        List<io.localtrust.x509.Cert> parsed = new ArrayList<>();
        for (X509Certificate c : certs) {
            parsed.add(reader.parseDer(c.getEncoded()));
        }
        return CertChain.of(parsed);
    }

    private interface StatusPoll {
        Status fetch() throws AcmeException;
    }

    private static Status await(Order order, Set<Status> until, String what) throws AcmeException {
        return await(() -> {
            order.fetch();
            return order.getStatus();
        }, until, what);
    }

    /** Polls faster than the gateway's Retry-After: the demo's owner acts at once, and it keeps the demo quick. */
    private static Status await(StatusPoll poll, Set<Status> until, String what) throws AcmeException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Status s = poll.fetch();
            if (until.contains(s)) {
                return s;
            }
            if (s == Status.INVALID || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + ": the ACME resource is " + s.name().toLowerCase(Locale.ROOT));
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
