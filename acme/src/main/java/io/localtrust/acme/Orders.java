package io.localtrust.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.Identity;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.Issued;
import io.localtrust.authority.Refusal;
import io.localtrust.locality.Addresses;
import io.localtrust.locality.IpRanges;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.AcmeStore.ObjectKind;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreLocks;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Orders (RFC 8555 §7.4): newOrder with {@code dns} and {@code ip} identifiers inside the
 * gateway's constraints, the order's status, finalize through the authority, and the account's
 * order list.
 *
 * <p>Approval in the flow: the device a CSR belongs to (its dev-id, from the CSR's key) is known
 * only at finalize. If the gateway's owner has not approved it yet, the order goes to
 * {@code processing} with a Retry-After, the device appears among the pending approvals, and each
 * poll of the order tries again — the moment it is approved (CLI, admin API, pre-authorised
 * name), the next poll issues and the order becomes {@code valid}. A denial makes the order
 * {@code invalid} with an {@code unauthorized} problem saying so.
 */
final class Orders {
    private static final int MAX_IDENTIFIERS = 100;
    private static final int PAGE = 100;
    private final Gateway gateway;
    private final AcmeSettings settings;
    private final RateLimiter perAccount;
    private final Authorizations authorizations;
    private final Certificates certificates;
    private final Clock clock;
    private final SecureRandom random;
    /** One issuance at a time per order (striped): two polls of a processing order issue once. */
    private final ReentrantLock[] issuing = new ReentrantLock[64];

    Orders(Gateway gateway, AcmeSettings settings, RateLimiter perAccount, Authorizations authorizations,
           Certificates certificates, Clock clock, SecureRandom random) {
        this.gateway = gateway;
        this.settings = settings;
        this.perAccount = perAccount;
        this.authorizations = authorizations;
        this.certificates = certificates;
        this.clock = clock;
        this.random = random;
        for (int i = 0; i < issuing.length; i++) {
            issuing[i] = new ReentrantLock();
        }
    }

    String website() {
        return settings.website();
    }

    AcmeResponse newOrder(Signed s) throws AcmeProblem, StoreException {
        AcmeAccount account = s.requireAccount();
        JsonNode p = s.payload();
        if (p.has("notBefore") || p.has("notAfter")) {
            throw AcmeProblem.malformed("notBefore/notAfter are not supported: certificates get the gateway's lifetime ("
                    + gateway.config().leafLifetime().toDays() + " days)");
        }
        List<Docs.Identifier> ids = identifiers(p.get("identifiers"));
        perAccount.take(account.id(), "too many new orders for this account");
        String replaces = p.hasNonNull("replaces") ? p.get("replaces").asText() : null;
        if (replaces != null) {
            certificates.checkReplaceable(account, replaces);
        }
        Instant now = clock.instant();
        Instant expires = now.plus(settings.orderLifetime());
        String id = Authorizations.randomId(random);
        List<AcmeObject> authzs = authorizations.create(account.id(), id, ids, expires, random);
        Docs.Order order = new Docs.Order("pending", expires.toString(), ids, authzs.stream().map(AcmeObject::id).toList(),
                null, null, Addresses.text(Addresses.unmapped(s.http().remote())), null, null, null, replaces);
        List<AcmeObject> all = new ArrayList<>();
        all.add(new AcmeObject(ObjectKind.ORDER, id, account.id(), Docs.write(order), now, expires, 1));
        all.addAll(authzs);
        gateway.store().addObjects(all);
        if (replaces != null) {
            certificates.markReplaced(replaces, id);
        }
        return render(s.urls(), id, order, status(order)).withStatus(201).with("Location", s.urls().order(id));
    }

    AcmeResponse get(Signed s, String id) throws AcmeProblem, StoreException {
        s.requirePostAsGet();
        AcmeObject o = owned(s.requireAccount(), id);
        Docs.Order order = Docs.read(o.document(), Docs.Order.class);
        if ("processing".equals(order.status()) && order.csr() != null) {
            order = issue(s, o, Base64.getUrlDecoder().decode(order.csr()));
        }
        return withRetry(render(s.urls(), id, order, status(order)), order);
    }

    /**
     * The account's orders, {@value #PAGE} per page, oldest first; a longer list continues at the
     * URL of {@code Link: <…?cursor=…>;rel="next"} (RFC 8555 §7.1.2.1). The cursor names the last
     * order shown (its creation time and id), so orders expiring meanwhile shift nothing.
     */
    AcmeResponse list(Signed s, String accountId, String query) throws AcmeProblem, StoreException {
        AcmeAccount account = s.requireAccount();
        if (!account.id().equals(accountId)) {
            throw AcmeProblem.unauthorized("the request is signed by another account");
        }
        s.requirePostAsGet();
        Optional<OrderCursor> after = OrderCursor.fromQuery(query);
        List<AcmeObject> page = after.isEmpty() ? gateway.store().objectsOf(accountId, ObjectKind.ORDER, 0, PAGE + 1)
                : gateway.store().objectsAfter(accountId, ObjectKind.ORDER, after.get().createdAt(), after.get().id(), PAGE + 1);
        ObjectNode body = Docs.JSON.createObjectNode();
        ArrayNode urls = body.putArray("orders");
        page.stream().limit(PAGE).forEach(o -> urls.add(s.urls().order(o.id())));
        AcmeResponse r = AcmeResponse.json(200, body.toString());
        if (page.size() > PAGE) {
            AcmeObject last = page.get(PAGE - 1);
            r = r.with("Link", "<" + s.urls().orders(accountId, new OrderCursor(last.createdAt(), last.id()).text()) + ">;rel=\"next\"");
        }
        return r;
    }

    AcmeResponse finalizeOrder(Signed s, String id) throws AcmeProblem, StoreException {
        AcmeObject o = owned(s.requireAccount(), id);
        Docs.Order order = Docs.read(o.document(), Docs.Order.class);
        String status = status(order);
        if (!status.equals("ready")) {
            throw new AcmeProblem(AcmeError.ORDER_NOT_READY, "the order is " + status + ", not ready"
                    + (status.equals("pending") ? ": complete its authorizations first" : ""));
        }
        JsonNode csrField = s.payload().get("csr");
        if (csrField == null || !csrField.isTextual()) {
            throw AcmeProblem.malformed("finalize carries 'csr': the base64url DER of a PKCS#10 request");
        }
        byte[] csr;
        try {
            csr = Base64.getUrlDecoder().decode(csrField.asText());
        } catch (IllegalArgumentException e) {
            throw new AcmeProblem(AcmeError.BAD_CSR, "'csr' is not base64url");
        }
        CsrNames.requireSameIdentifiers(csr, order.identifiers());
        Docs.Order processing = order.processing(Base64.getUrlEncoder().withoutPadding().encodeToString(csr));
        AcmeObject next = o.next(Docs.write(processing));
        if (!gateway.store().updateObject(next)) {
            throw new AcmeProblem(AcmeError.ORDER_NOT_READY, "the order changed meanwhile: fetch it and retry");
        }
        Docs.Order after = issue(s, next, csr);
        if ("processing".equals(after.status())) {
            PairingOffer.offer(gateway, clock, csr);
        }
        return withRetry(render(s.urls(), id, after, status(after)), after).with("Location", s.urls().order(id));
    }

    /**
     * Asks the authority for the certificate of a processing order. Pending approval leaves it
     * processing; a refusal makes it invalid with the problem; success makes it valid.
     *
     * <p>One issuance per order: polls of this process queue on a striped lock, and then the order's
     * lock in the store ({@link io.localtrust.store.StoreLocks}: a PostgreSQL advisory lock, or a
     * file lock beside SQLite) keeps out every other gateway process sharing the store. Under both,
     * the order is read again (check, lock, check again); a process that finds the store lock taken
     * answers the order as it is — {@code processing}, and the client polls again.
     */
    private Docs.Order issue(Signed s, AcmeObject o, byte[] csr) throws AcmeProblem, StoreException {
        ReentrantLock lock = issuing[Math.floorMod(o.id().hashCode(), issuing.length)];
        lock.lock();
        try {
            Optional<StoreLocks.HeldLock> held = gateway.store().tryLock("acme-order:" + o.id());
            if (held.isEmpty()) {
                return Docs.read(gateway.store().object(ObjectKind.ORDER, o.id()).orElseThrow().document(), Docs.Order.class);
            }
            try (StoreLocks.HeldLock h = held.get()) {
                return issueLocked(o.id(), csr);
            }
        } finally {
            lock.unlock();
        }
    }

    private Docs.Order issueLocked(String orderId, byte[] csr) throws AcmeProblem, StoreException {
        AcmeObject fresh = gateway.store().object(ObjectKind.ORDER, orderId).orElseThrow();
        Docs.Order order = Docs.read(fresh.document(), Docs.Order.class);
        if (!"processing".equals(order.status())) {
            return order; // issued (or failed) by a concurrent poll, here or in another process
        }
        List<String> names = order.identifiers().stream().map(Docs.Identifier::value).toList();
        Docs.Order next;
        try {
            // the names are bound (claimed before signing) where they were validated: the device's address
            Issued issued = gateway.authority().issue(new IssuanceRequest(csr, names, Accounts.requester(fresh.accountId()), false,
                    Optional.of(order.deviceAddress())));
            String serial = issued.leaf().serial().toString(16);
            certificates.recordOwner(fresh.accountId(), orderId, serial, issued.leaf().notAfter());
            next = order.issued(serial);
        } catch (IssuanceRefused r) {
            if (r.refusal() == Refusal.PENDING_APPROVAL) {
                return order;
            }
            if (r.refusal() == Refusal.STORE_FAILED) {
                throw new AcmeProblem(AcmeError.SERVER_INTERNAL, "the gateway could not record the certificate: retry");
            }
            next = order.withStatus("invalid", Docs.Problem.of(problem(r)));
        }
        if (!gateway.store().updateObject(fresh.next(Docs.write(next)))) {
            throw new IllegalStateException("order " + orderId + " changed while its lock was held");
        }
        return next;
    }

    /** The authority's refusal as the ACME problem a client understands. */
    static AcmeProblem problem(IssuanceRefused r) {
        AcmeError type = switch (r.refusal()) {
            case BAD_CSR, BAD_CSR_SIGNATURE, LINT_FAILED -> AcmeError.BAD_CSR;
            case UNSUPPORTED_KEY, WEAK_KEY, COMPROMISED_KEY, KEY_BOUND_TO_OTHER_DEVICE -> AcmeError.BAD_PUBLIC_KEY;
            case BAD_IDENTITY, NAME_NOT_PERMITTED, NAME_BOUND_TO_OTHER_DEVICE -> AcmeError.REJECTED_IDENTIFIER;
            case DENIED -> AcmeError.UNAUTHORIZED;
            case PENDING_APPROVAL -> AcmeError.USER_ACTION_REQUIRED;
            case STORE_FAILED -> AcmeError.SERVER_INTERNAL;
        };
        return new AcmeProblem(type, r.getMessage());
    }

    /** The status a client sees: stored once final or processing, else derived from the authorizations. */
    String status(Docs.Order order) throws StoreException {
        if (order.status() != null && !order.status().equals("pending")) {
            return order.status();
        }
        if (!clock.instant().isBefore(Instant.parse(order.expires()))) {
            return "invalid";
        }
        boolean allValid = true;
        for (String authzId : order.authorizations()) {
            Optional<AcmeObject> a = gateway.store().object(ObjectKind.AUTHZ, authzId);
            if (a.isEmpty()) {
                return "invalid";
            }
            String st = authorizations.current(a.get()).status();
            if (!st.equals("valid")) {
                if (!st.equals("pending")) {
                    return "invalid";
                }
                allValid = false;
            }
        }
        return allValid ? "ready" : "pending";
    }

    private AcmeResponse withRetry(AcmeResponse r, Docs.Order order) {
        return "processing".equals(order.status())
                ? r.with("Retry-After", Long.toString(Math.max(1, settings.pendingRetryAfter().toSeconds()))) : r;
    }

    private AcmeObject owned(AcmeAccount account, String id) throws AcmeProblem, StoreException {
        Optional<AcmeObject> o = gateway.store().object(ObjectKind.ORDER, id);
        if (o.isEmpty() || !o.get().accountId().equals(account.id())) {
            throw AcmeProblem.notFound("no order " + AcmeServer.printable(id) + " for this account");
        }
        return o.get();
    }

    private List<Docs.Identifier> identifiers(JsonNode node) throws AcmeProblem {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw AcmeProblem.malformed("newOrder needs 'identifiers': a non-empty array");
        }
        if (node.size() > MAX_IDENTIFIERS) {
            throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "at most " + MAX_IDENTIFIERS + " identifiers in one order");
        }
        Set<Docs.Identifier> out = new LinkedHashSet<>();
        for (JsonNode n : node) {
            String type = n.path("type").asText("");
            String value = n.path("value").asText("");
            out.add(identifier(type, value));
        }
        return List.copyOf(out);
    }

    private Docs.Identifier identifier(String type, String value) throws AcmeProblem {
        if (!type.equals("dns") && !type.equals("ip")) {
            throw new AcmeProblem(AcmeError.UNSUPPORTED_IDENTIFIER, "identifier type '" + AcmeServer.printable(type)
                    + "' is not supported: use dns or ip");
        }
        Identity id;
        try {
            id = Identity.parse(value);
        } catch (IssuanceRefused e) {
            throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "'" + AcmeServer.printable(value) + "': " + e.getMessage());
        }
        switch (type) {
            case "dns" -> {
                if (id.type() != Identity.Type.DNS) {
                    throw AcmeProblem.malformed("'" + AcmeServer.printable(value) + "' is an address: order it as an 'ip' identifier");
                }
            }
            case "ip" -> {
                if (id.type() != Identity.Type.IP) {
                    throw AcmeProblem.malformed("'" + AcmeServer.printable(value) + "' is not an IP address");
                }
                if (!IpRanges.anyContains(IpRanges.LOCAL, id.address())) {
                    throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, id.value() + " is not a local address: the gateway "
                            + "certifies addresses on the LAN only");
                }
            }
            default -> throw new IllegalStateException("unreachable: type checked above");
        }
        if (!gateway.config().names().permits(id)) {
            throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "'" + id.value() + "' is outside what this gateway may certify ("
                    + gateway.config().names().describe() + ")");
        }
        return new Docs.Identifier(type, id.value());
    }

    AcmeResponse render(Urls urls, String id, Docs.Order order, String status) {
        ObjectNode o = Docs.JSON.createObjectNode();
        o.put("status", status);
        o.put("expires", order.expires());
        ArrayNode ids = o.putArray("identifiers");
        order.identifiers().forEach(i -> ids.addObject().put("type", i.type()).put("value", i.value()));
        ArrayNode authz = o.putArray("authorizations");
        order.authorizations().forEach(a -> authz.add(urls.authz(a)));
        o.put("finalize", urls.finalizeOrder(id));
        if (order.serial() != null) {
            o.put("certificate", urls.certificate(order.serial()));
        }
        if (order.error() != null) {
            o.set("error", Docs.JSON.valueToTree(order.error()));
        }
        if (order.replaces() != null) {
            o.put("replaces", order.replaces());
        }
        return AcmeResponse.json(200, o.toString());
    }
}
