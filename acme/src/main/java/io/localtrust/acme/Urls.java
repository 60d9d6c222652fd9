package io.localtrust.acme;

import java.util.Optional;

/**
 * The front end's URLs, made from the base a request arrived at ({@code https://host:port/acme}):
 * a client that reached the gateway by its address gets URLs with that address, one that used the
 * name gets the name, so the {@code url} it signs always matches.
 */
record Urls(String base) {
    static final String PREFIX = "/acme";

    /** The base of a request URL: everything before {@code /acme/}. */
    static Optional<Urls> of(String requestUrl) {
        int i = requestUrl.indexOf(PREFIX + "/");
        int schemeEnd = requestUrl.indexOf("://");
        if (i < 0 || schemeEnd < 0 || i < schemeEnd + 3 || requestUrl.indexOf('/', schemeEnd + 3) != i) {
            return Optional.empty();
        }
        return Optional.of(new Urls(requestUrl.substring(0, i) + PREFIX));
    }

    /** The path of a request URL below the base ("/new-order", "/order/abc"), without its query. */
    String path(String requestUrl) {
        String rest = requestUrl.substring(base.length());
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    /** The query of a request URL ("cursor=…"), empty when it has none. */
    static String query(String requestUrl) {
        int q = requestUrl.indexOf('?');
        return q < 0 ? "" : requestUrl.substring(q + 1);
    }

    String directory() {
        return base + "/directory";
    }

    String newNonce() {
        return base + "/new-nonce";
    }

    String newAccount() {
        return base + "/new-account";
    }

    String newOrder() {
        return base + "/new-order";
    }

    String revokeCert() {
        return base + "/revoke-cert";
    }

    String keyChange() {
        return base + "/key-change";
    }

    String renewalInfo() {
        return base + "/renewal-info";
    }

    String account(String id) {
        return base + "/account/" + id;
    }

    String orders(String accountId) {
        return account(accountId) + "/orders";
    }

    /** The next page of an account's orders (RFC 8555 §7.1.2.1), from an opaque cursor. */
    String orders(String accountId, String cursor) {
        return orders(accountId) + "?cursor=" + cursor;
    }

    String order(String id) {
        return base + "/order/" + id;
    }

    String finalizeOrder(String id) {
        return order(id) + "/finalize";
    }

    String authz(String id) {
        return base + "/authz/" + id;
    }

    String challenge(String authzId, String type) {
        return base + "/chall/" + authzId + "/" + type;
    }

    String certificate(String serialHex) {
        return base + "/cert/" + serialHex;
    }

    /** The account id in a {@code kid}, if it is one of this base's account URLs. */
    Optional<String> accountId(String kid) {
        String prefix = base + "/account/";
        if (!kid.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = kid.substring(prefix.length());
        return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
    }
}
