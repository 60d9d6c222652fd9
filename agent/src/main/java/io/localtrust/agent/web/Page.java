package io.localtrust.agent.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the device's web server: status, content type, body, extra headers.
 */
public record Page(int status, String contentType, byte[] body, Map<String, String> headers) {
    public Page {
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    public static Page html(int status, String title, String bodyHtml) {
        String doc = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width\"><style>body{font-family:sans-serif;"
                + "max-width:40em;margin:2em auto;padding:0 1em}code{font-size:1.1em}td{padding:.2em .8em .2em 0}"
                + ".code{font-size:2em;letter-spacing:.1em}</style></head><body>" + bodyHtml + "</body></html>\n";
        return new Page(status, "text/html; charset=utf-8", doc.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Page text(int status, String text) {
        return new Page(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Page redirect(int status, String location) {
        return new Page(status, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    public Page with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new Page(status, contentType, body, h);
    }
}
