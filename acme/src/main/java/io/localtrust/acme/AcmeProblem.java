package io.localtrust.acme;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ACME error on its way to the client: the one exception of this front end, turned into an
 * RFC 7807 {@code application/problem+json} body in one place ({@link AcmeServer}). The detail is
 * shown to the client, so it never carries key material or internal state.
 *
 * @see AcmeError
 */
public final class AcmeProblem extends Exception {
    /** One identifier's own error inside a {@code compound} or per-identifier problem (RFC 8555 §6.7.1). */
    public record Subproblem(AcmeError error, String detail, String identifierType, String identifierValue) {
        public Subproblem {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(identifierType, "identifierType");
            Objects.requireNonNull(identifierValue, "identifierValue");
        }
    }

    private final AcmeError error;
    private final int status;
    private final List<Subproblem> subproblems;
    private final Optional<Duration> retryAfter;

    public AcmeProblem(AcmeError error, String detail) {
        this(error, error.status(), detail, List.of(), Optional.empty());
    }

    public AcmeProblem(AcmeError error, int status, String detail, List<Subproblem> subproblems, Optional<Duration> retryAfter) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.status = status;
        this.subproblems = List.copyOf(subproblems);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** {@code malformed} with 404: what RFC 8555 leaves open for an unknown resource (as Boulder does). */
    public static AcmeProblem notFound(String detail) {
        return new AcmeProblem(AcmeError.MALFORMED, 404, detail, List.of(), Optional.empty());
    }

    public static AcmeProblem malformed(String detail) {
        return new AcmeProblem(AcmeError.MALFORMED, detail);
    }

    public static AcmeProblem unauthorized(String detail) {
        return new AcmeProblem(AcmeError.UNAUTHORIZED, detail);
    }

    public static AcmeProblem rateLimited(String detail, Duration retryAfter) {
        return new AcmeProblem(AcmeError.RATE_LIMITED, 429, detail, List.of(), Optional.of(retryAfter));
    }

    public AcmeError error() {
        return error;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    public List<Subproblem> subproblems() {
        return subproblems;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
