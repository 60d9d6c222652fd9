package io.localtrust.acme.validation;

import io.localtrust.acme.AcmeProblem;

/**
 * One challenge type's check (RFC 8555 §8): connect to the address the server chose, on the LAN
 * only ({@link LocalOnly}), and decide whether the device proved control of the identifier.
 */
public interface ChallengeValidator {
    /** The challenge type: {@code "http-01"} or {@code "tls-alpn-01"}. */
    String type();

    /**
     * Returns normally when the challenge is met; throws otherwise, with a detail a user can act on.
     *
     * @throws AcmeProblem {@code rejectedIdentifier} (a non-local address), {@code connection},
     *                     {@code tls}, {@code unauthorized} (the device refused, e.g. HTTP 404) or
     *                     {@code incorrectResponse} (it answered, but with the wrong proof)
     */
    void validate(ValidationTarget target, String token, String keyAuthorization) throws AcmeProblem;
}
