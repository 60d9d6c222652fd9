package io.localtrust.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Endpoint} answers.
 *
 * @param status      HTTP status
 * @param contentType the media type of {@code body}
 * @param body        the bytes sent
 * @param headers     extra headers (Cache-Control, WWW-Authenticate, …)
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    public Reply {
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    public static Reply ok(String contentType, byte[] body) {
        return new Reply(200, contentType, body, Map.of());
    }

    public static Reply json(int status, String json) {
        return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Reply withHeader(String name, String value) {
        var h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, body, h);
    }

    /** The body without a defensive copy, for the adapter that writes it out. */
    byte[] bytes() {
        return body;
    }
}
