package io.localtrust.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import io.localtrust.acme.jws.Jws;
import io.localtrust.acme.jws.SignedRequest;
import io.localtrust.store.AcmeStore.AccountStatus;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.PairingStore.PairingGrant;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Digests;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Accounts (RFC 8555 §7.3): newAccount (and {@code onlyReturnExisting}, and External Account
 * Binding with a pairing key: {@link ExternalAccountBinding}), update and deactivation, key rollover. An account key may not be a device's certificate key: the two
 * identities stay apart, as the seed's one-key-per-device rule wants.
 */
final class Accounts {
    private static final int MAX_CONTACTS = 4;
    private final GatewayStore store;
    private final ExternalAccountBinding bindings;
    private final Clock clock;
    private final SecureRandom random;

    Accounts(GatewayStore store, ExternalAccountBinding bindings, Clock clock, SecureRandom random) {
        this.store = store;
        this.bindings = bindings;
        this.clock = clock;
        this.random = random;
    }

    Optional<AcmeAccount> find(String id) throws StoreException {
        return store.account(id);
    }

    /**
     * The requester an account is to the authority ("acme:ID"): what a pairing grant it redeemed is
     * bound to, and who asks for its orders' certificates.
     */
    static String requester(String accountId) {
        return "acme:" + accountId;
    }

    AcmeResponse newAccount(Signed s) throws AcmeProblem, StoreException {
        JsonNode p = s.payload();
        JWK key = s.key();
        String thumbprint = Jws.thumbprint(key);
        Optional<AcmeAccount> existing = store.accountByThumbprint(thumbprint);
        boolean onlyExisting = p.path("onlyReturnExisting").asBoolean(false);
        if (existing.isPresent()) {
            if (existing.get().status() != AccountStatus.VALID) { // RFC 8555 §7.3.6: its key authorizes nothing more
                throw AcmeProblem.unauthorized("the account with this key is " + existing.get().status().json());
            }
            if (p.has("externalAccountBinding") && !onlyExisting) { // an account made before pairing: bound now
                String holder = requester(existing.get().id());
                PairingGrant grant = bindings.verify(p.get("externalAccountBinding"), s.jws().url(), key, Optional.of(holder));
                if (grant.holder().isEmpty() && !store.redeemPairingGrant(grant.kid(), holder, clock.instant())) {
                    throw AcmeProblem.unauthorized("pairing key '" + grant.kid() + "' was used or expired meanwhile");
                }
            }
            return render(s.urls(), existing.get(), 200);
        }
        if (onlyExisting) {
            throw new AcmeProblem(AcmeError.ACCOUNT_DOES_NOT_EXIST, "no account has this key");
        }
        Optional<PairingGrant> grant = p.has("externalAccountBinding")
                ? Optional.of(bindings.verify(p.get("externalAccountBinding"), s.jws().url(), key, Optional.empty()))
                : Optional.empty();
        refuseDeviceKey(key);
        List<String> contacts = contacts(p);
        byte[] id = new byte[16];
        random.nextBytes(id);
        AcmeAccount account = new AcmeAccount(Base64.getUrlEncoder().withoutPadding().encodeToString(id), thumbprint,
                key.toPublicJWK().toJSONString(), AccountStatus.VALID, contacts, clock.instant(), 1);
        try {
            if (grant.isPresent()) { // the account and its binding: one transaction
                store.addAccount(account, grant.get().kid(), requester(account.id()), clock.instant());
            } else {
                store.addAccount(account);
            }
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.CONFLICT) { // the same key, registered at the same moment
                Optional<AcmeAccount> raced = store.accountByThumbprint(thumbprint);
                if (raced.isPresent()) {
                    return render(s.urls(), raced.get(), 200);
                }
                if (grant.isPresent()) {
                    throw AcmeProblem.unauthorized("pairing key '" + grant.get().kid() + "' was used or expired meanwhile");
                }
            }
            throw e;
        }
        return render(s.urls(), account, 201);
    }

    /** POST to the account URL: POST-as-GET, a contact change, or deactivation. */
    AcmeResponse update(Signed s, String id) throws AcmeProblem, StoreException {
        AcmeAccount a = s.requireAccount();
        if (!a.id().equals(id)) {
            throw AcmeProblem.unauthorized("the request is signed by another account");
        }
        if (s.jws().postAsGet()) {
            return render(s.urls(), a, 200);
        }
        JsonNode p = s.payload();
        AccountStatus status = a.status();
        if (p.has("status")) {
            if (!"deactivated".equals(p.get("status").asText())) {
                throw AcmeProblem.malformed("an account's status can only be changed to \"deactivated\"");
            }
            status = AccountStatus.DEACTIVATED;
        }
        List<String> contacts = p.has("contact") ? contacts(p) : a.contacts();
        AcmeAccount next = a.next(a.thumbprint(), a.jwk(), status, contacts);
        if (!store.updateAccount(next)) {
            throw new AcmeProblem(AcmeError.MALFORMED, 409, "the account changed meanwhile: retry", List.of(), Optional.empty());
        }
        return render(s.urls(), next, 200);
    }

    /** keyChange (RFC 8555 §7.3.5): the outer JWS by the old key, the inner one by the new key. */
    AcmeResponse keyChange(Signed s) throws AcmeProblem, StoreException {
        AcmeAccount a = s.requireAccount();
        if (s.jws().postAsGet()) {
            throw AcmeProblem.malformed("keyChange carries the inner JWS as its payload");
        }
        SignedRequest inner = Jws.parseInner(s.jws().payload());
        if (!inner.url().equals(s.jws().url())) {
            throw AcmeProblem.malformed("the inner JWS 'url' differs from the outer one");
        }
        JWK newKey = inner.jwk().orElseThrow();
        Jws.verify(inner, newKey);
        JsonNode p;
        try {
            p = Docs.JSON.readTree(inner.payload());
        } catch (IOException e) {
            throw AcmeProblem.malformed("the inner payload is not valid JSON");
        }
        if (p == null || !p.isObject() || !s.urls().account(a.id()).equals(p.path("account").asText(null))) {
            throw AcmeProblem.malformed("the inner payload's 'account' is not the account signing the request");
        }
        JWK oldKey;
        try {
            oldKey = JWK.parse(Docs.JSON.writeValueAsString(p.get("oldKey")));
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            throw AcmeProblem.malformed("the inner payload's 'oldKey' is not a JWK");
        }
        if (!Jws.thumbprint(oldKey).equals(a.thumbprint())) {
            throw AcmeProblem.malformed("'oldKey' is not the account's current key");
        }
        String thumbprint = Jws.thumbprint(newKey);
        Optional<AcmeAccount> holder = store.accountByThumbprint(thumbprint);
        if (holder.isPresent()) {
            return new AcmeResponse(409, AcmeServer.PROBLEM_JSON, problemJson("the new key is already an account's key")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of())
                    .with("Location", s.urls().account(holder.get().id()));
        }
        refuseDeviceKey(newKey);
        AcmeAccount next = a.next(thumbprint, newKey.toPublicJWK().toJSONString(), a.status(), a.contacts());
        try {
            if (!store.updateAccount(next)) {
                throw new AcmeProblem(AcmeError.MALFORMED, 409, "the account changed meanwhile: retry", List.of(), Optional.empty());
            }
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.CONFLICT) {
                throw new AcmeProblem(AcmeError.MALFORMED, 409, "the new key is already an account's key", List.of(), Optional.empty());
            }
            throw e;
        }
        return render(s.urls(), next, 200);
    }

    private void refuseDeviceKey(JWK key) throws AcmeProblem, StoreException {
        String spkiSha256 = Digests.sha256Hex(Jws.spki(key));
        if (store.deviceByKey(spkiSha256).isPresent()) {
            throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "this key is a device's certificate key: an ACME account needs a "
                    + "key of its own");
        }
    }

    private static List<String> contacts(JsonNode p) throws AcmeProblem {
        JsonNode c = p.get("contact");
        if (c == null || c.isNull()) {
            return List.of();
        }
        if (!c.isArray()) {
            throw new AcmeProblem(AcmeError.INVALID_CONTACT, "'contact' must be an array of URLs");
        }
        if (c.size() > MAX_CONTACTS) {
            throw new AcmeProblem(AcmeError.INVALID_CONTACT, "at most " + MAX_CONTACTS + " contacts");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : c) {
            String v = n.asText("");
            if (!v.startsWith("mailto:")) {
                throw new AcmeProblem(AcmeError.UNSUPPORTED_CONTACT, "only mailto: contacts are supported, not '"
                        + AcmeServer.printable(v) + "'");
            }
            String addr = v.substring("mailto:".length());
            if (!addr.matches("[^@\\s,?<>\"]{1,64}@[A-Za-z0-9.-]{1,253}")) {
                throw new AcmeProblem(AcmeError.INVALID_CONTACT, "'" + AcmeServer.printable(v) + "' is not a plain mailto: address");
            }
            out.add(v);
        }
        return out;
    }

    static AcmeResponse render(Urls urls, AcmeAccount a, int status) {
        ObjectNode o = Docs.JSON.createObjectNode();
        o.put("status", a.status().json());
        var contact = o.putArray("contact");
        a.contacts().forEach(contact::add);
        o.put("orders", urls.orders(a.id()));
        try {
            o.set("key", Docs.JSON.readTree(a.jwk()));
        } catch (IOException e) {
            throw new IllegalStateException("stored account key does not read back", e);
        }
        return AcmeResponse.json(status, o.toString()).with("Location", urls.account(a.id()));
    }

    private static String problemJson(String detail) {
        ObjectNode o = Docs.JSON.createObjectNode();
        o.put("type", AcmeError.MALFORMED.type());
        o.put("detail", detail);
        o.put("status", 409);
        return o.toString();
    }
}
