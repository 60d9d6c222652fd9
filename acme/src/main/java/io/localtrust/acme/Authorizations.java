package io.localtrust.acme;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.acme.jws.Jws;
import io.localtrust.acme.validation.ChallengeValidator;
import io.localtrust.acme.validation.IdentifierType;
import io.localtrust.acme.validation.ValidationTarget;
import io.localtrust.locality.Addresses;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.AcmeStore.ObjectKind;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.StoreException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizations and their challenges (RFC 8555 §7.5): reading them, deactivating one, and a
 * client's "I am ready" on a challenge, which starts its validation over the LAN on
 * {@code validations} (the client polls the authorization for the outcome). The response waits up to
 * {@link #SETTLE} for that validation: a device that answers at once (the usual case on a LAN) gets
 * the outcome in the response, so the client's first poll finds the authorization final instead of
 * polling while the validation runs; a slower one gets {@code processing}, as before.
 *
 * <p>Where a name is validated: the address the order names for it (its {@code ip} identifier,
 * when the order has exactly one), else the address the order came from. An {@code ip}
 * identifier is validated at itself. The validators refuse anything that is not a local address.
 */
final class Authorizations {
    private static final Logger LOG = LoggerFactory.getLogger(Authorizations.class);
    /** How long a challenge response waits for its validation's outcome before answering {@code processing}. */
    static final Duration SETTLE = Duration.ofSeconds(1);
    private final GatewayStore store;
    private final Map<String, ChallengeValidator> validators = new LinkedHashMap<>();
    private final Clock clock;
    private final Executor executor;

    Authorizations(GatewayStore store, List<ChallengeValidator> validators, Clock clock, Executor executor) {
        this.store = store;
        validators.forEach(v -> this.validators.put(v.type(), v));
        this.clock = clock;
        this.executor = executor;
    }

    /** New pending authorizations for an order's identifiers, one per identifier, with a token per challenge. */
    List<AcmeObject> create(String accountId, String orderId, List<Docs.Identifier> ids, Instant expires, SecureRandom random) {
        List<AcmeObject> out = new ArrayList<>();
        Instant now = clock.instant();
        for (Docs.Identifier id : ids) {
            List<Docs.Challenge> cs = new ArrayList<>();
            for (String type : validators.keySet()) {
                cs.add(new Docs.Challenge(type, token(random), "pending", null, null));
            }
            Docs.Authz a = new Docs.Authz(id, "pending", expires.toString(), cs, orderId);
            out.add(new AcmeObject(ObjectKind.AUTHZ, randomId(random), accountId, Docs.write(a), now, expires, 1));
        }
        return out;
    }

    /** The authorization's status now: expiry turns a pending or valid one invalid/expired. */
    Docs.Authz current(AcmeObject o) {
        Docs.Authz a = Docs.read(o.document(), Docs.Authz.class);
        if (!clock.instant().isBefore(Instant.parse(a.expires())) && (a.status().equals("pending") || a.status().equals("valid"))) {
            return a.with(a.status().equals("pending") ? "invalid" : "expired", a.challenges());
        }
        return a;
    }

    AcmeResponse get(Signed s, String id) throws AcmeProblem, StoreException {
        AcmeAccount account = s.requireAccount();
        AcmeObject o = owned(account, id);
        if (s.jws().postAsGet()) {
            return render(s.urls(), o.id(), current(o));
        }
        if (!"deactivated".equals(s.payload().path("status").asText())) {
            throw AcmeProblem.malformed("an authorization can only be changed to \"deactivated\"");
        }
        Docs.Authz after = change(o, a -> a.status().equals("pending") || a.status().equals("valid")
                ? a.with("deactivated", a.challenges()) : a);
        return render(s.urls(), id, after);
    }

    /** A challenge response (RFC 8555 §7.5.1): starts validation once; answers with the challenge. */
    AcmeResponse respond(Signed s, String authzId, String type) throws AcmeProblem, StoreException {
        AcmeAccount account = s.requireAccount();
        AcmeObject o = owned(account, authzId);
        if (!s.jws().postAsGet() && s.payload().size() != 0) {
            throw AcmeProblem.malformed("a challenge response is the empty JSON object {}");
        }
        Docs.Authz before = current(o);
        Docs.Challenge c = challenge(before, type);
        if (s.jws().postAsGet() || !before.status().equals("pending") || !c.status().equals("pending")) {
            return challengeReply(s.urls(), authzId, c);
        }
        java.util.concurrent.atomic.AtomicBoolean mine = new java.util.concurrent.atomic.AtomicBoolean();
        Docs.Authz started = change(o, a -> {
            Docs.Challenge now = find(a, type);
            if (now == null || !a.status().equals("pending") || !now.status().equals("pending")) {
                mine.set(false); // another request started it (or it ended) meanwhile
                return a;
            }
            mine.set(true);
            return a.with(a.status(), replace(a.challenges(), now.with("processing", null, null)));
        });
        Docs.Challenge processing = challenge(started, type);
        if (mine.get()) { // only the request whose change stuck starts the validation
            String keyAuthorization = processing.token() + "." + Jws.thumbprint(s.key());
            ValidationTarget target = target(before);
            CompletableFuture<Void> validation = CompletableFuture.runAsync(
                    () -> validate(authzId, type, target, processing.token(), keyAuthorization), executor);
            if (settled(validation)) { // its outcome is stored: answer with it
                Optional<AcmeObject> now = store.object(ObjectKind.AUTHZ, authzId);
                if (now.isPresent()) {
                    return challengeReply(s.urls(), authzId, challenge(current(now.get()), type));
                }
            }
        }
        return challengeReply(s.urls(), authzId, processing);
    }

    /** Whether the validation ended within {@link #SETTLE} (it records its own outcome, and never throws). */
    private static boolean settled(CompletableFuture<Void> validation) {
        try {
            validation.get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ValidationTarget target(Docs.Authz a) throws AcmeProblem, StoreException {
        Docs.Identifier id = a.identifier();
        if (id.type().equals("ip")) {
            return new ValidationTarget(IdentifierType.IP, id.value(), Addresses.literal(id.value()).orElseThrow());
        }
        Docs.Order order = store.object(ObjectKind.ORDER, a.order()).map(o -> Docs.read(o.document(), Docs.Order.class))
                .orElseThrow(() -> AcmeProblem.malformed("the authorization's order is gone"));
        String where = order.deviceAddress();
        InetAddress address = Addresses.literal(where).orElseThrow(() ->
                new AcmeProblem(AcmeError.DNS, "no local address is known for " + id.value()));
        return new ValidationTarget(IdentifierType.DNS, id.value(), address);
    }

    private void validate(String authzId, String type, ValidationTarget target, String token, String keyAuthorization) {
        Docs.Problem error = null;
        try {
            validators.get(type).validate(target, token, keyAuthorization);
        } catch (AcmeProblem p) {
            error = Docs.Problem.of(p);
        } catch (RuntimeException e) {
            LOG.warn("validating {} for {} failed unexpectedly", type, target.identifier(), e);
            error = Docs.Problem.of(new AcmeProblem(AcmeError.SERVER_INTERNAL, "validation failed inside the gateway"));
        }
        Docs.Problem outcome = error;
        String when = clock.instant().toString();
        try {
            AcmeObject o = store.object(ObjectKind.AUTHZ, authzId).orElseThrow();
            change(o, a -> {
                Docs.Challenge c = find(a, type);
                if (c == null || !c.status().equals("processing")) {
                    return a;
                }
                Docs.Challenge done = outcome == null ? c.with("valid", when, null) : c.with("invalid", null, outcome);
                String status = a.status().equals("pending") ? (outcome == null ? "valid" : "invalid") : a.status();
                return a.with(status, replace(a.challenges(), done));
            });
            LOG.info("{} for {} at {}: {}", type, target.identifier(), target.address().getHostAddress(),
                    outcome == null ? "valid" : outcome.detail());
        } catch (StoreException | AcmeProblem | RuntimeException e) {
            LOG.warn("could not record the {} validation of {}: {}", type, target.identifier(), e.getMessage());
        }
    }

    /** Applies {@code f} by compare-and-set until it sticks; returns the document now stored. */
    private Docs.Authz change(AcmeObject start, UnaryOperator<Docs.Authz> f) throws StoreException, AcmeProblem {
        AcmeObject o = start;
        for (int attempt = 0; attempt < 20; attempt++) {
            Docs.Authz a = Docs.read(o.document(), Docs.Authz.class);
            Docs.Authz next = f.apply(a);
            if (next.equals(a)) {
                return current(o);
            }
            AcmeObject updated = o.next(Docs.write(next));
            if (store.updateObject(updated)) {
                return current(updated);
            }
            o = store.object(ObjectKind.AUTHZ, o.id()).orElseThrow();
        }
        throw new AcmeProblem(AcmeError.SERVER_INTERNAL, "the authorization is changing too often: retry");
    }

    AcmeObject owned(AcmeAccount account, String id) throws AcmeProblem, StoreException {
        Optional<AcmeObject> o = store.object(ObjectKind.AUTHZ, id);
        if (o.isEmpty() || !o.get().accountId().equals(account.id())) {
            throw AcmeProblem.notFound("no authorization " + AcmeServer.printable(id) + " for this account");
        }
        return o.get();
    }

    private static Docs.Challenge challenge(Docs.Authz a, String type) throws AcmeProblem {
        Docs.Challenge c = find(a, type);
        if (c == null) {
            throw AcmeProblem.notFound("no " + AcmeServer.printable(type) + " challenge in this authorization");
        }
        return c;
    }

    private static Docs.Challenge find(Docs.Authz a, String type) {
        return a.challenges().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    private static List<Docs.Challenge> replace(List<Docs.Challenge> all, Docs.Challenge c) {
        return all.stream().map(x -> x.type().equals(c.type()) ? c : x).toList();
    }

    static AcmeResponse render(Urls urls, String id, Docs.Authz a) {
        ObjectNode o = Docs.JSON.createObjectNode();
        o.putObject("identifier").put("type", a.identifier().type()).put("value", a.identifier().value());
        o.put("status", a.status());
        o.put("expires", a.expires());
        ArrayNode cs = o.putArray("challenges");
        for (Docs.Challenge c : a.challenges()) {
            cs.add(challengeJson(urls, id, c));
        }
        return AcmeResponse.json(200, o.toString());
    }

    private static ObjectNode challengeJson(Urls urls, String authzId, Docs.Challenge c) {
        ObjectNode o = Docs.JSON.createObjectNode();
        o.put("type", c.type());
        o.put("url", urls.challenge(authzId, c.type()));
        o.put("token", c.token());
        o.put("status", c.status());
        if (c.validated() != null) {
            o.put("validated", c.validated());
        }
        if (c.error() != null) {
            o.set("error", Docs.JSON.valueToTree(c.error()));
        }
        return o;
    }

    private static AcmeResponse challengeReply(Urls urls, String authzId, Docs.Challenge c) {
        return AcmeResponse.json(200, challengeJson(urls, authzId, c).toString())
                .with("Link", "<" + urls.authz(authzId) + ">;rel=\"up\"");
    }

    static String token(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String randomId(SecureRandom random) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
