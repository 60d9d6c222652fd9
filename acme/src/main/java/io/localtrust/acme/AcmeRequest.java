package io.localtrust.acme;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HTTP request as the ACME front end sees it, whatever server carried it.
 *
 * @param method  GET, HEAD, POST
 * @param url     the URL the client asked for, as it would write it in a JWS {@code url}:
 *                scheme, the Host it sent, the path, and the query if there is one (a {@code next} link's cursor)
 * @param header  header lookup by name (case-insensitive), null when absent
 * @param body    the body (empty for none), at most {@link io.localtrust.acme.jws.Jws#MAX_BODY} + 1 bytes
 * @param remote  the address the request came from
 */
public record AcmeRequest(String method, String url, Function<String, String> header, byte[] body, InetAddress remote) {
    public AcmeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(header, "header");
        body = body.clone();
        Objects.requireNonNull(remote, "remote");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(header.apply(name));
    }
}
