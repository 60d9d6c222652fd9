package io.localtrust.names.api;

import java.util.Optional;

/**
 * The API's one error model: a status, acme-dns's short error code ({@code bad_txt},
 * {@code forbidden}, …, what its clients match on) and a sentence for a person. Rendered in one
 * place, {@link NamesApi#handle}, as {@code {"error": code, "detail": sentence}}.
 *
 * @see <a href="https://github.com/joohoi/acme-dns#api">acme-dns API</a>
 */
public final class ApiProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient Optional<Long> retryAfterSeconds;

    ApiProblem(int status, String code, String detail) {
        this(status, code, detail, Optional.empty());
    }

    private ApiProblem(int status, String code, String detail, Optional<Long> retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(400, code, detail);
    }

    /** acme-dns answers every failed authentication 401 {@code forbidden}, without saying which part failed. */
    static ApiProblem forbidden(String detail) {
        return new ApiProblem(401, "forbidden", detail);
    }

    static ApiProblem tooMany(String detail, long retryAfterSeconds) {
        return new ApiProblem(429, "rate_limited", detail, Optional.of(Math.max(1, retryAfterSeconds)));
    }

    static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
