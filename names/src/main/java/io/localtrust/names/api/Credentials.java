package io.localtrust.names.api;

import io.localtrust.locality.Cidr;
import io.localtrust.names.proof.ApiKeys;
import io.localtrust.names.store.Account;
import io.localtrust.names.store.NamesStore;
import io.localtrust.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling an update: acme-dns's {@code X-Api-User} and {@code X-Api-Key} headers checked
 * against the stored hash, in constant time, and the source address against the account's
 * {@code allowfrom}. Every failure is the same 401 {@code forbidden} (which part failed is logged
 * at debug only), and an unknown user costs the same hash as a known one, so neither the answer
 * nor its time tells whether a user exists. Then the account's update rate.
 */
final class Credentials {
    private final NamesStore store;
    private final RateLimiter<String> updates;
    /** Verified against when the user does not exist: the same work as for one that does. */
    private final String decoyHash;

    Credentials(NamesStore store, RateLimiter<String> updates, ApiKeys keys) {
        this.store = store;
        this.updates = updates;
        this.decoyHash = keys.hash(keys.key());
    }

    /** acme-dns's headers. */
    Account authenticate(ApiRequest r) throws ApiProblem, StoreException {
        return authenticate(r.header("X-Api-User").orElse(""), r.header("X-Api-Key").orElse(""), r);
    }

    /** HTTP Basic (RFC 7617) with the same user and key: lego's {@code httpreq} provider sends them so. */
    Account authenticateBasic(ApiRequest r) throws ApiProblem, StoreException {
        String h = r.header("Authorization").orElse("");
        if (!h.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiProblem.forbidden("no Basic credentials");
        }
        String pair;
        try {
            pair = new String(java.util.Base64.getDecoder().decode(h.substring(6).trim()), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.forbidden("the Basic credentials are not base64");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw ApiProblem.forbidden("the Basic credentials have no password");
        }
        return authenticate(pair.substring(0, colon), pair.substring(colon + 1), r);
    }

    private Account authenticate(String user, String key, ApiRequest r) throws ApiProblem, StoreException {
        if (!ApiKeys.isUuid(user) || key.length() != ApiKeys.KEY_LENGTH) {
            throw ApiProblem.forbidden("X-Api-User and X-Api-Key do not name an account");
        }
        Optional<Account> account = store.account(user);
        boolean matches = ApiKeys.verify(key, account.map(Account::keyHash).orElse(decoyHash));
        if (account.isEmpty() || !matches) {
            throw ApiProblem.forbidden("X-Api-User and X-Api-Key do not name an account");
        }
        List<Cidr> allowed = account.get().allowFrom();
        if (!allowed.isEmpty() && allowed.stream().noneMatch(c -> c.contains(r.source()))) {
            throw ApiProblem.forbidden("the account may not be updated from " + r.source().getHostAddress());
        }
        long wait = updates.take(user);
        if (wait > 0) {
            throw ApiProblem.tooMany("too many updates for this account", (wait + 999) / 1000);
        }
        return account.get();
    }

    /** acme-dns's {@code allowfrom}: CIDRs (a bare address is its /32 or /128). */
    static List<Cidr> allowFrom(List<String> texts) throws ApiProblem {
        List<Cidr> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("invalid_allowfrom_cidr", "'" + t + "' is not a CIDR range");
            }
        }
        return out;
    }
}
