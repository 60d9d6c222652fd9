package io.localtrust.gateway.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One console answer: status, media type, body and extra headers (a list, since Set-Cookie may
 * repeat). The security headers every answer carries are added by {@link ConsoleHandler}.
 */
record Page(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
    Page {
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
        headers = List.copyOf(headers);
    }

    static Page html(int status, String html) {
        return new Page(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), List.of());
    }

    static Page json(String json) {
        return new Page(200, "application/json", json.getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** 303 See Other: after a form post, the browser GETs {@code location} (no resubmission on reload). */
    static Page redirect(String location) {
        return new Page(303, "text/plain; charset=utf-8", new byte[0], List.of(Map.entry("Location", location)));
    }

    Page with(String name, String value) {
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.add(Map.entry(name, value));
        return new Page(status, contentType, body, h);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
