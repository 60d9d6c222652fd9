package io.localtrust.acme;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import io.localtrust.acme.jws.Jws;
import io.localtrust.acme.jws.SignedRequest;
import io.localtrust.acme.validation.ChallengeValidator;
import io.localtrust.authority.Gateway;
import io.localtrust.store.AcmeStore.AccountStatus;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.StoreException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACME server (RFC 8555) over an opened {@link Gateway}: routes a request to its resource,
 * authenticates POSTs (JWS, nonce, {@code url}, account), applies the rate limits, and renders
 * every error as an {@code application/problem+json} document — in this one place. Every answer
 * carries a fresh {@code Replay-Nonce} and the directory as {@code Link: rel="index"}.
 *
 * <p>Routes, under {@code /acme}: {@code directory}, {@code new-nonce}, {@code new-account},
 * {@code new-order}, {@code revoke-cert}, {@code key-change}, {@code renewal-info/{id}},
 * {@code account/{id}}, {@code account/{id}/orders}, {@code order/{id}},
 * {@code order/{id}/finalize}, {@code authz/{id}}, {@code chall/{authz}/{type}}, {@code cert/{serial}}.
 */
public final class AcmeServer {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeServer.class);
    static final String JOSE_JSON = "application/jose+json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final Nonces nonces;
    private final RateLimiter perAddress;
    private final Accounts accounts;
    private final Orders orders;
    private final Authorizations authorizations;
    private final Certificates certificates;
    private final Gateway gateway;

    public AcmeServer(Gateway gateway, AcmeSettings settings, List<ChallengeValidator> validators, Clock clock,
                      SecureRandom random, Executor validations) {
        this.gateway = gateway;
        this.nonces = new Nonces(random, clock, settings.nonceLifetime(), settings.nonceCapacity());
        this.perAddress = new RateLimiter(settings.perAddress(), clock);
        this.accounts = new Accounts(gateway.store(), new ExternalAccountBinding(gateway.pairings(), gateway.store(), clock), clock,
                random);
        this.certificates = new Certificates(gateway, clock);
        this.authorizations = new Authorizations(gateway.store(), validators, clock, validations);
        this.orders = new Orders(gateway, settings, new RateLimiter(settings.perAccountOrders(), clock), authorizations,
                certificates, clock, random);
    }

    /** Answers one request; never throws. */
    public AcmeResponse handle(AcmeRequest request) {
        Optional<Urls> base = Urls.of(request.url());
        if (base.isEmpty()) {
            return problem(AcmeProblem.notFound("nothing is served here"), null);
        }
        Urls urls = base.get();
        AcmeResponse response;
        try {
            response = route(request, urls);
        } catch (AcmeProblem p) {
            response = problem(p, urls);
        } catch (StoreException e) {
            LOG.warn("ACME request failed in the store: {}", e.getMessage());
            response = problem(new AcmeProblem(AcmeError.SERVER_INTERNAL, "the gateway's store failed: try again later"), urls);
        } catch (RuntimeException e) {
            LOG.error("ACME request to {} failed", request.url(), e);
            response = problem(new AcmeProblem(AcmeError.SERVER_INTERNAL, "internal error"), urls);
        }
        response = response.with("Replay-Nonce", nonces.issue()).with("Cache-Control", "no-store");
        if (!urls.path(request.url()).equals("/directory")) {
            response = response.with("Link", "<" + urls.directory() + ">;rel=\"index\"");
        }
        return response;
    }

    private AcmeResponse route(AcmeRequest request, Urls urls) throws AcmeProblem, StoreException {
        String path = urls.path(request.url());
        String method = request.method();
        String[] seg = path.substring(1).split("/", -1);
        boolean get = method.equals("GET") || method.equals("HEAD");
        // every request costs a token, GETs too: each answer mints a nonce, which must not be free to flood
        perAddress.take(request.remote().getHostAddress(), "too many requests from " + request.remote().getHostAddress());
        switch (seg[0]) {
            case "directory" -> {
                requireMethod(get && seg.length == 1, method, path);
                return directory(urls);
            }
            case "new-nonce" -> {
                requireMethod(get && seg.length == 1, method, path);
                return AcmeResponse.empty(method.equals("HEAD") ? 200 : 204);
            }
            case "renewal-info" -> {
                requireMethod(get && seg.length == 2, method, path);
                return certificates.renewalInfo(seg[1]);
            }
            default -> {
            }
        }
        if (!method.equals("POST")) {
            if (get && knownPost(seg)) {
                throw new AcmeProblem(AcmeError.MALFORMED, 405, "use POST-as-GET (RFC 8555 §6.3)", List.of(), Optional.empty());
            }
            throw AcmeProblem.notFound("no ACME resource at " + path);
        }
        String type = request.header("Content-Type")
                .map(t -> (t.indexOf(';') >= 0 ? t.substring(0, t.indexOf(';')) : t).trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!type.equals(JOSE_JSON)) {
            throw new AcmeProblem(AcmeError.MALFORMED, 415, "ACME requests are " + JOSE_JSON, List.of(), Optional.empty());
        }
        return switch (seg[0]) {
            case "new-account" -> accounts.newAccount(authenticate(request, urls, false));
            case "new-order" -> orders.newOrder(authenticate(request, urls, true));
            case "revoke-cert" -> certificates.revoke(authenticate(request, urls, null));
            case "key-change" -> accounts.keyChange(authenticate(request, urls, true));
            case "account" -> seg.length == 2 ? accounts.update(authenticate(request, urls, true), seg[1])
                    : seg.length == 3 && seg[2].equals("orders") ? orders.list(authenticate(request, urls, true), seg[1],
                            Urls.query(request.url()))
                    : notFound(path);
            case "order" -> seg.length == 2 ? orders.get(authenticate(request, urls, true), seg[1])
                    : seg.length == 3 && seg[2].equals("finalize") ? orders.finalizeOrder(authenticate(request, urls, true), seg[1])
                    : notFound(path);
            case "authz" -> seg.length == 2 ? authorizations.get(authenticate(request, urls, true), seg[1]) : notFound(path);
            case "chall" -> seg.length == 3 ? authorizations.respond(authenticate(request, urls, true), seg[1], seg[2])
                    : notFound(path);
            case "cert" -> seg.length == 2 ? certificates.download(authenticate(request, urls, true), seg[1]) : notFound(path);
            default -> notFound(path);
        };
    }

    private static boolean knownPost(String[] seg) {
        return List.of("new-account", "new-order", "revoke-cert", "key-change", "account", "order", "authz", "chall", "cert")
                .contains(seg[0]);
    }

    private static AcmeResponse notFound(String path) throws AcmeProblem {
        throw AcmeProblem.notFound("no ACME resource at " + path);
    }

    private static void requireMethod(boolean ok, String method, String path) throws AcmeProblem {
        if (!ok) {
            throw new AcmeProblem(AcmeError.MALFORMED, 405, method + " is not allowed on " + path, List.of(), Optional.empty());
        }
    }

    /**
     * Verifies a POST: parse, the {@code url} it was signed for, the key ({@code jwk} when
     * {@code kid} is false, an account's when true, either when null), the signature, and only
     * then the nonce — so a forged request cannot even burn a nonce.
     */
    private Signed authenticate(AcmeRequest request, Urls urls, Boolean kid) throws AcmeProblem, StoreException {
        SignedRequest jws = Jws.parse(request.body());
        if (!jws.url().equals(request.url())) {
            throw AcmeProblem.unauthorized("the JWS 'url' (" + printable(jws.url()) + ") is not the URL requested (" + request.url() + ")");
        }
        if (kid != null && kid != jws.kid().isPresent()) {
            throw AcmeProblem.malformed(kid ? "this request must be signed with an account key: use 'kid', the account URL"
                    : "newAccount is signed with the new account's key: use 'jwk'");
        }
        JWK key;
        Optional<AcmeAccount> account = Optional.empty();
        if (jws.kid().isPresent()) {
            String id = urls.accountId(jws.kid().get()).orElseThrow(() -> new AcmeProblem(AcmeError.ACCOUNT_DOES_NOT_EXIST,
                    "'kid' is not an account URL of this server"));
            AcmeAccount a = accounts.find(id).orElseThrow(() -> new AcmeProblem(AcmeError.ACCOUNT_DOES_NOT_EXIST,
                    "no account " + printable(id)));
            try {
                key = JWK.parse(a.jwk());
            } catch (ParseException e) {
                throw new IllegalStateException("stored account key of " + a.id() + " does not parse", e);
            }
            account = Optional.of(a);
        } else {
            key = jws.jwk().orElseThrow();
        }
        Jws.verify(jws, key);
        if (!nonces.consume(jws.nonce())) {
            throw new AcmeProblem(AcmeError.BAD_NONCE, "the nonce is unknown, used or expired: get a fresh one and retry");
        }
        if (account.isPresent() && account.get().status() != AccountStatus.VALID) {
            throw AcmeProblem.unauthorized("account " + account.get().id() + " is " + account.get().status().json());
        }
        return new Signed(request, urls, jws, key, account);
    }

    private AcmeResponse directory(Urls urls) {
        ObjectNode d = Docs.JSON.createObjectNode();
        d.put("newNonce", urls.newNonce());
        d.put("newAccount", urls.newAccount());
        d.put("newOrder", urls.newOrder());
        d.put("revokeCert", urls.revokeCert());
        d.put("keyChange", urls.keyChange());
        d.put("renewalInfo", urls.renewalInfo());
        ObjectNode meta = d.putObject("meta");
        meta.put("externalAccountRequired", false);
        ArrayNode caa = meta.putArray("caaIdentities");
        caa.add(gateway.config().name());
        if (orders.website() != null) {
            meta.put("website", orders.website());
        }
        return AcmeResponse.json(200, d.toString());
    }

    private static AcmeResponse problem(AcmeProblem p, Urls urls) {
        ObjectNode body = Docs.JSON.createObjectNode();
        body.put("type", p.error().type());
        body.put("detail", p.detail());
        body.put("status", p.status());
        if (!p.subproblems().isEmpty()) {
            ArrayNode subs = body.putArray("subproblems");
            for (AcmeProblem.Subproblem s : p.subproblems()) {
                ObjectNode o = subs.addObject();
                o.put("type", s.error().type());
                o.put("detail", s.detail());
                o.putObject("identifier").put("type", s.identifierType()).put("value", s.identifierValue());
            }
        }
        if (p.error() == AcmeError.BAD_SIGNATURE_ALGORITHM) {
            ArrayNode algs = body.putArray("algorithms");
            Jws.ALGORITHMS.forEach(algs::add);
        }
        AcmeResponse r = new AcmeResponse(p.status(), PROBLEM_JSON, body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of());
        if (p.retryAfter().isPresent()) {
            r = r.with("Retry-After", Long.toString(Math.max(1, p.retryAfter().get().toSeconds())));
        }
        return r;
    }

    static String printable(String s) {
        return Printable.prefix(s, 80);
    }
}
