package io.localtrust.gateway.console;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One console request as the pages see it, with nothing of Jetty left.
 *
 * @param method    GET, POST, …
 * @param path      the decoded path
 * @param query     query parameters, first value of each
 * @param form      the urlencoded form of a POST, first value of each (empty otherwise)
 * @param session   the session cookie's value, if sent
 * @param remote    the peer's address (for the login rate limit)
 * @param origin    the Origin header, if sent
 * @param fetchSite the Sec-Fetch-Site header, if sent ("same-origin", "cross-site", …)
 * @param host      the authority the request was sent to, with its port ("gateway.home.arpa:8443")
 * @param secure    whether it came over TLS
 */
record WebCall(String method, String path, Map<String, String> query, Map<String, String> form, Optional<String> session,
               InetAddress remote, Optional<String> origin, Optional<String> fetchSite, String host, boolean secure) {
    WebCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        form = Map.copyOf(form);
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(fetchSite, "fetchSite");
        Objects.requireNonNull(host, "host");
    }

    Optional<String> field(String name) {
        return Optional.ofNullable(form.get(name));
    }

    /**
     * Whether a state change may come from here: a browser that names the request's origin
     * (Origin, Sec-Fetch-Site) must name this very origin. Clients that send neither (curl) are
     * let through to the CSRF token check, which they cannot pass without a session's page.
     */
    boolean sameOrigin() {
        if (fetchSite.isPresent() && !fetchSite.get().equals("same-origin") && !fetchSite.get().equals("none")) {
            return false;
        }
        if (origin.isEmpty()) {
            return true;
        }
        try {
            java.net.URI o = new java.net.URI(origin.get());
            int port = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            return (secure ? "https" : "http").equalsIgnoreCase(o.getScheme()) && o.getHost() != null
                    && (o.getHost() + ":" + port).equalsIgnoreCase(host);
        } catch (java.net.URISyntaxException e) {
            return false;   // "null" (a sandboxed or opaque origin) and anything unparsable
        }
    }
}
