package io.localtrust.names.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.locality.Cidr;
import io.localtrust.names.NamesZone;
import io.localtrust.names.proof.ApiKeys;
import io.localtrust.names.store.Account;
import io.localtrust.names.store.NamesStore;
import io.localtrust.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * acme-dns's API, so its clients work unchanged (lego's {@code acme-dns} provider, acme.sh's
 * {@code dns_acmedns}, certbot's acme-dns hooks): {@code POST /register} makes an account on a
 * fresh UUID subdomain and answers its credentials once (201); {@code POST /update} sets one of the
 * subdomain's two rolling TXT values (200); {@code GET /health} answers 200 while the service runs.
 * The same status codes and error codes as acme-dns.
 *
 * @see <a href="https://github.com/joohoi/acme-dns#api">acme-dns API</a>
 */
final class AcmeDnsEndpoints {
    /** A DNS-01 value: the base64url SHA-256 digest of the key authorisation, 43 characters (RFC 8555 §8.4). */
    private static final Pattern TXT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final NamesZone zone;
    private final NamesStore store;
    private final ApiKeys keys;
    private final Credentials credentials;
    private final Clock clock;

    AcmeDnsEndpoints(NamesZone zone, NamesStore store, ApiKeys keys, Credentials credentials, Clock clock) {
        this.zone = zone;
        this.store = store;
        this.keys = keys;
        this.credentials = credentials;
        this.clock = clock;
    }

    ApiResponse register(ApiRequest r) throws ApiProblem, StoreException {
        List<Cidr> allowFrom = Credentials.allowFrom(Json.texts(Json.object(r.body()), "allowfrom"));
        String username = keys.uuid();
        String key = keys.key();
        Account a = new Account(username, keys.hash(key), keys.uuid(), allowFrom, Optional.empty(), clock.instant());
        store.register(a);
        return ApiResponse.json(201, Json.bytes(credentialsDocument(zone, a, key)));
    }

    ApiResponse update(ApiRequest r) throws ApiProblem, StoreException {
        Account a = credentials.authenticate(r);
        JsonNode body = Json.object(r.body());
        String subdomain = Json.text(body, "subdomain").orElse("");
        String txt = Json.text(body, "txt").orElse("");
        if (!subdomain.equals(a.subdomain())) {
            if (subdomain.isEmpty() || subdomain.length() > 63) {
                throw ApiProblem.badRequest("bad_subdomain", "\"subdomain\" is not a subdomain of this service");
            }
            throw ApiProblem.forbidden("the account may not update the subdomain " + subdomain);
        }
        if (!TXT.matcher(txt).matches()) {
            throw ApiProblem.badRequest("bad_txt", "\"txt\" is a DNS-01 value: 43 characters of base64url");
        }
        store.setTxt(a.subdomain(), txt, clock.instant());
        ObjectNode out = Json.newObject();
        out.put("txt", txt);
        return ApiResponse.json(200, Json.bytes(out));
    }

    ApiResponse health(ApiRequest r) {
        return new ApiResponse(200, "text/plain", new byte[0], java.util.Map.of());
    }

    /** What a registration answers, acme-dns's fields; {@code key} appears here and nowhere else. */
    static ObjectNode credentialsDocument(NamesZone zone, Account a, String key) {
        ObjectNode out = Json.newObject();
        out.put("username", a.username());
        out.put("password", key);
        out.put("fulldomain", zone.fullName(a.subdomain()));
        out.put("subdomain", a.subdomain());
        var allow = out.putArray("allowfrom");
        a.allowFrom().forEach(c -> allow.add(c.toString()));
        return out;
    }
}
