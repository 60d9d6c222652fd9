package io.localtrust.acme.validation;

import io.localtrust.acme.AcmeProblem;

/** One challenge type's check, made over the LAN only. */
public interface ChallengeValidator {
    /** "http-01" | "tls-alpn-01". */
    String type();

    /**
     * Returns normally when the challenge is met; throws AcmeProblem (connection,
     * incorrectResponse, tls, unauthorized, rejectedIdentifier…) with a detail a user can act on,
     * otherwise.
     */
    void validate(ValidationTarget target, String token, String keyAuthorization) throws AcmeProblem;
}
