package io.localtrust.names.api;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request, as the endpoints see it: no Jetty type beyond {@link JettyAdapter}.
 *
 * @param method  GET, POST, …
 * @param path    the decoded path
 * @param headers header by name (case-insensitive), null when absent
 * @param body    at most {@link JettyAdapter#MAX_BODY} bytes
 * @param source  the peer's address: what {@code allowfrom} and the per-source limit judge
 */
record ApiRequest(String method, String path, Function<String, String> headers, byte[] body, InetAddress source) {
    ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(source, "source");
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }
}
