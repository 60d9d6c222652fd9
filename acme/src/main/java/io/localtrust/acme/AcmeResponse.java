package io.localtrust.acme;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the ACME front end answers. Headers may repeat ({@code Link} does: index, up, alternate).
 *
 * @param status      HTTP status
 * @param contentType media type of the body, or empty for no body
 * @param body        bytes sent
 * @param headers     header name → values, in order
 */
public record AcmeResponse(int status, String contentType, byte[] body, Map<String, List<String>> headers) {
    public AcmeResponse {
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Map.copyOf(copy);
    }

    static AcmeResponse json(int status, String json) {
        return new AcmeResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static AcmeResponse empty(int status) {
        return new AcmeResponse(status, "", new byte[0], Map.of());
    }

    /** The same response with one more value for a header. */
    AcmeResponse with(String name, String value) {
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
        values.add(value);
        h.put(name, values);
        return new AcmeResponse(status, contentType, body, h);
    }

    AcmeResponse withStatus(int newStatus) {
        return new AcmeResponse(newStatus, contentType, body, headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
