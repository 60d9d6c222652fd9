package io.localtrust.gateway;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HTTP request as an {@link Endpoint} sees it.
 *
 * @param method     GET, POST, …
 * @param path       the raw (still percent-encoded) path
 * @param query      decoded query parameters, first value of each
 * @param header     header lookup by name (case-insensitive), null when absent
 * @param body       the request body, read up to the adapter's limit (empty for none)
 * @param pathParams the values matched by the route's {@code {…}} and {@code **} segments, in order (raw)
 * @param secure     whether it came over TLS
 */
public record Call(String method, String path, Map<String, String> query, Function<String, String> header, byte[] body,
                   List<String> pathParams, boolean secure) {
    public Call {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        Objects.requireNonNull(header, "header");
        body = body.clone();
        pathParams = List.copyOf(pathParams);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(header.apply(name));
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The same request with the route's matched path parameters. */
    Call withPathParams(List<String> params) {
        return new Call(method, path, query, header, body, params, secure);
    }
}
