package io.localtrust.names.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.localtrust.names.NamesZone;
import io.localtrust.names.store.Account;
import io.localtrust.names.store.NamesStore;
import io.localtrust.store.StoreException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * lego's {@code httpreq} DNS provider, the other widely used "set a TXT value over HTTP" protocol:
 * {@code POST /present} and {@code POST /cleanup}, HTTP Basic with an account's acme-dns
 * credentials, body {@code {"fqdn": "_acme-challenge.<sub>.<zone>.", "value": …}} (its default
 * mode). Debian's lego is built without the {@code acme-dns} provider (Debian bug #968964), but
 * with this one, so a Debian user's lego works against the service unchanged. The name must be
 * the account's own: {@code _acme-challenge.<sub>.<zone>} or, as a CNAME target, {@code <sub>.<zone>}.
 *
 * @see <a href="https://go-acme.github.io/lego/dns/httpreq/">lego httpreq</a>
 */
final class HttpreqEndpoints {
    private static final Pattern TXT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final NamesZone zone;
    private final NamesStore store;
    private final Credentials credentials;
    private final Clock clock;

    HttpreqEndpoints(NamesZone zone, NamesStore store, Credentials credentials, Clock clock) {
        this.zone = zone;
        this.store = store;
        this.credentials = credentials;
        this.clock = clock;
    }

    ApiResponse present(ApiRequest r) throws ApiProblem, StoreException {
        Account a = credentials.authenticateBasic(r);
        String value = value(a, Json.object(r.body()));
        store.setTxt(a.subdomain(), value, clock.instant());
        return ApiResponse.json(200, Json.bytes(Json.newObject().put("fqdn", zone.fullName(a.subdomain())).put("value", value)));
    }

    ApiResponse cleanup(ApiRequest r) throws ApiProblem, StoreException {
        Account a = credentials.authenticateBasic(r);
        String value = value(a, Json.object(r.body()));
        store.clearTxt(a.subdomain(), value);
        return ApiResponse.json(200, Json.bytes(Json.newObject().put("fqdn", zone.fullName(a.subdomain())).put("value", value)));
    }

    private String value(Account a, JsonNode body) throws ApiProblem {
        String fqdn = Json.text(body, "fqdn").orElse("").toLowerCase(Locale.ROOT);
        String value = Json.text(body, "value").orElse("");
        String own = zone.fullName(a.subdomain()) + ".";
        if (!fqdn.equals("_acme-challenge." + own) && !fqdn.equals(own)) {
            throw ApiProblem.forbidden("the account may set TXT values at _acme-challenge." + own + " only");
        }
        if (!TXT.matcher(value).matches()) {
            throw ApiProblem.badRequest("bad_txt", "\"value\" is a DNS-01 value: 43 characters of base64url");
        }
        return value;
    }
}
