package io.localtrust.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.Pairings;
import io.localtrust.store.PairingStore.PairingGrant;
import io.localtrust.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The admin API's pairing keys ({@code gateway pair} over HTTPS): {@code POST /api/pairings}
 * {@code {"names": [...], "for": "10m"}} makes one and answers its kid and HMAC key — the only
 * time the key is shown, never logged — and {@code GET /api/pairings} lists them without keys.
 */
final class PairingApi {
    private final Pairings pairings;
    private final Clock clock;

    PairingApi(Pairings pairings, Clock clock) {
        this.pairings = pairings;
        this.clock = clock;
    }

    /** The routes, each wrapped in {@code authenticated}. */
    Routes routes(UnaryOperator<Endpoint> authenticated) {
        return new Routes()
                .add("POST", "/api/pairings", authenticated.apply(this::create))
                .add("GET", "/api/pairings", authenticated.apply(this::list));
    }

    private Reply create(Call call) throws HttpProblem, StoreException, IssuanceRefused {
        ObjectNode body = Json.object(call);
        List<String> names = new ArrayList<>();
        JsonNode n = body.get("names");
        if (n != null && !n.isNull()) {
            if (!n.isArray()) {
                throw HttpProblem.badRequest("bad-parameter", "\"names\" is an array of names and addresses");
            }
            for (JsonNode name : n) {
                if (!name.isTextual()) {
                    throw HttpProblem.badRequest("bad-parameter", "\"names\" is an array of names and addresses");
                }
                names.add(name.asText());
            }
        }
        Duration window = body.has("for") ? AdminApi.parseDuration(Json.text(body, "for")) : Duration.ofMinutes(10);
        Pairings.NewPairing p = pairings.create(names, window, AdminApi.ACTOR);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kid", p.kid());
        o.put("hmacKey", p.hmacKey());
        ArrayNode granted = o.putArray("names");
        p.names().forEach(granted::add);
        o.put("until", p.until().toString());
        return Json.reply(201, o);
    }

    private Reply list(Call call) throws StoreException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode all = o.putArray("pairings");
        for (PairingGrant g : pairings.list()) {
            ObjectNode p = all.addObject();
            p.put("kid", g.kid());
            ArrayNode names = p.putArray("names");
            g.names().forEach(names::add);
            p.put("created", g.createdAt().toString());
            p.put("until", g.until().toString());
            p.put("actor", g.actor());
            p.put("state", g.holder().isPresent() ? "redeemed" : g.redeemable(clock.instant()) ? "open" : "ended");
            g.holder().ifPresent(h -> p.put("holder", h));
            g.boundAt().ifPresent(b -> p.put("redeemed", b.toString()));
        }
        return Json.reply(200, o);
    }
}
