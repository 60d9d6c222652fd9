package io.localtrust.gateway;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP failure to report as an RFC 7807 problem. {@code type} is a short slug
 * ("unauthorized", "not-found", "malformed-json"), rendered as
 * {@code urn:localtrust:problem:<type>} by {@link Problems}. The detail is one line for a user.
 */
public final class HttpProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;
    private final String title;
    private final transient Map<String, String> headers;

    public HttpProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    HttpProblem(int status, String type, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.headers = Map.copyOf(headers);
    }

    public static HttpProblem badRequest(String type, String detail) {
        return new HttpProblem(400, type, "Bad request", detail);
    }

    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "not-found", "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    Map<String, String> headers() {
        return headers;
    }
}
