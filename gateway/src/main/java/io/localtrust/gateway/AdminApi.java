package io.localtrust.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.authority.AdminTokens;
import io.localtrust.authority.Approvals;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.ApprovalStore;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON admin API under {@code /api/}, served over HTTPS only. Every call carries
 * {@code Authorization: Bearer <admin token>}, checked in constant time against the hash kept in
 * {@code gateway.json} ({@link AdminTokens#matches}); without it the answer is 401 and nothing
 * else is revealed. The operations are {@link Approvals}' — the same rules and audit entries as
 * the shell commands — with actor {@value #ACTOR}.
 */
final class AdminApi {
    static final String ACTOR = "admin-api";
    /** Most audit entries returned by one call. */
    static final int MAX_AUDIT = 1000;

    /** Something to run after a write, so OCSP and the CRL follow at once. */
    interface AfterWrite {
        void run() throws StoreException;
    }

    private final GatewayStore store;
    private final Approvals approvals;
    private final String tokenHash;
    private final AfterWrite afterWrite;
    private final PairingApi pairings;

    AdminApi(GatewayStore store, Approvals approvals, PairingApi pairings, String tokenHash, AfterWrite afterWrite) {
        this.store = store;
        this.approvals = approvals;
        this.pairings = pairings;
        this.tokenHash = tokenHash;
        this.afterWrite = afterWrite;
    }

    Routes routes() {
        return new Routes()
                .add("GET", "/api/devices", authenticated(this::devices))
                .add("POST", "/api/devices/{devId}/approve", authenticated(c -> decide(c, true)))
                .add("POST", "/api/devices/{devId}/deny", authenticated(c -> decide(c, false)))
                .add("POST", "/api/allow", authenticated(this::allow))
                .add("POST", "/api/revoke", authenticated(this::revoke))
                .add("GET", "/api/certificates", authenticated(this::certificates))
                .add("GET", "/api/audit", authenticated(this::audit))
                .add("GET", "/api/audit/verify", authenticated(this::verify))
                .addAll(pairings.routes(this::authenticated))
                .add("GET", "/api/**", authenticated(c -> {
                    throw HttpProblem.notFound("no admin API resource at " + c.path());
                }))
                .add("POST", "/api/**", authenticated(c -> {
                    throw HttpProblem.notFound("no admin API resource at " + c.path());
                }));
    }

    /** Wraps an endpoint in the bearer-token check. */
    Endpoint authenticated(Endpoint e) {
        return call -> {
            Optional<String> auth = call.header("Authorization");
            String token = auth.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).trim()).orElse(null);
            if (!AdminTokens.matches(token, tokenHash)) {
                throw new HttpProblem(401, "unauthorized", "Unauthorized",
                        auth.isEmpty() ? "the admin API needs Authorization: Bearer <admin token> (printed by gateway init)"
                                : "the admin token is not valid",
                        Map.of("WWW-Authenticate", "Bearer realm=\"localtrust\""));
            }
            return e.handle(call);
        };
    }

    private Reply devices(Call call) throws HttpProblem, StoreException {
        Optional<ApprovalState> state = Optional.empty();
        if (call.param("state").isPresent()) {
            String s = call.param("state").get().toUpperCase(Locale.ROOT);
            try {
                state = Optional.of(ApprovalState.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("bad-parameter", "state is pending, approved or denied");
            }
        }
        Map<String, String> codes = approvals.shownPairingCodes();
        ObjectNode n = Json.MAPPER.createObjectNode();
        ArrayNode a = n.putArray("devices");
        for (DeviceRecord d : store.devices()) {
            if (state.isEmpty() || d.state() == state.get()) {
                ObjectNode device = Json.device(d);
                if (d.state() == ApprovalState.PENDING) {
                    // the code it offered, as it shows it, to compare before approving; null when it offered none
                    device.put("pairingCode", codes.get(d.devId()));
                }
                a.add(device);
            }
        }
        return Json.reply(200, n);
    }

    private Reply decide(Call call, boolean approve) throws StoreException, io.localtrust.authority.IssuanceRefused {
        String devId = URLDecoder.decode(call.pathParams().get(0), StandardCharsets.UTF_8);
        DeviceRecord d = approve ? approvals.approve(devId, ACTOR) : approvals.deny(devId, ACTOR);
        afterWrite.run();
        return Json.reply(200, Json.device(d));
    }

    private Reply allow(Call call) throws HttpProblem, StoreException, io.localtrust.authority.IssuanceRefused {
        ObjectNode body = Json.object(call);
        String identity = Json.text(body, "identity");
        Duration window = body.has("for") ? parseDuration(Json.text(body, "for")) : Duration.ofMinutes(10);
        ApprovalStore.Allowance a = approvals.allow(identity, window, ACTOR);
        afterWrite.run();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("identity", a.identity());
        n.put("until", a.until().toString());
        n.put("actor", a.actor());
        return Json.reply(200, n);
    }

    private Reply revoke(Call call) throws HttpProblem, StoreException, io.localtrust.authority.IssuanceRefused {
        ObjectNode body = Json.object(call);
        String serial = Json.text(body, "serial");
        RevocationReason reason = RevocationReason.UNSPECIFIED;
        if (body.has("reason")) {
            String r = Json.text(body, "reason");
            reason = RevocationReason.parse(r)
                    .filter(x -> x != RevocationReason.REMOVE_FROM_CRL && x != RevocationReason.CERTIFICATE_HOLD)
                    .orElseThrow(() -> HttpProblem.badRequest("bad-reason",
                    "'" + r + "' is not a CRLReason (keyCompromise, superseded, cessationOfOperation, …)"));
        }
        boolean changed = approvals.revoke(serial, reason, ACTOR);
        afterWrite.run();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("serial", Approvals.parseSerial(serial).toString(16));
        n.put("revoked", true);
        n.put("changed", changed);
        n.put("reason", reason.rfcName());
        return Json.reply(200, n);
    }

    private Reply certificates(Call call) throws StoreException {
        Map<BigInteger, CertificateStatus> revoked = new HashMap<>();
        store.revoked().forEach(s -> revoked.put(s.serial(), s));
        ObjectNode n = Json.MAPPER.createObjectNode();
        ArrayNode a = n.putArray("certificates");
        for (IssuedCertificate c : store.certificates()) {
            a.add(Json.certificate(c, Optional.ofNullable(revoked.get(c.serial()))));
        }
        return Json.reply(200, n);
    }

    private Reply audit(Call call) throws HttpProblem, StoreException {
        long from = number(call, "from", 1);
        int limit = (int) Math.min(number(call, "limit", MAX_AUDIT), MAX_AUDIT);
        List<AuditEvent> events = store.events(from, limit);
        ObjectNode n = Json.MAPPER.createObjectNode();
        ArrayNode a = n.putArray("events");
        events.forEach(e -> a.add(Json.event(e)));
        return Json.reply(200, n);
    }

    private Reply verify(Call call) throws StoreException {
        Optional<String> broken = store.verify();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("intact", broken.isEmpty());
        broken.ifPresent(b -> n.put("problem", b));
        return Json.reply(200, n);
    }

    private static long number(Call call, String name, long dflt) throws HttpProblem {
        Optional<String> v = call.param(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("bad-parameter", name + " must be a positive whole number");
        }
    }

    /** "30s", "10m", "2h", "1d" — the CLI's {@code --for} syntax. */
    static Duration parseDuration(String text) throws HttpProblem {
        return io.localtrust.authority.Approvals.parseWindow(text).orElseThrow(() -> HttpProblem.badRequest("bad-duration",
                "'" + text + "' is not a duration such as 30s, 10m, 2h or 1d"));
    }
}
