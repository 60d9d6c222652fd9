package io.localtrust.ladder;

import java.util.Locale;

/**
 * What a trusted verdict needs to know about revocation. The leaf's status comes from the stapled OCSP
 * response, else (when {@link OnlineRevocation} allows it) from its OCSP responder, else from its CRL
 * distribution point; each issuing CA's from its OCSP responder, else its CRL. A "revoked" for any of
 * them from any source, correctly signed by the issuer (or its delegated responder / CRL signer),
 * rejects under {@link #SOFT_FAIL} and {@link #HARD_FAIL}; under {@code HARD_FAIL} every certificate of
 * the path that names a source also needs a good, fresh answer.
 */
public enum RevocationPolicy {
    /** Revocation is not checked at all: no staple read, nothing fetched. */
    OFF,
    /** No answer (nothing stapled, responder down, unusable response) is recorded as a reason; the verdict stands. */
    SOFT_FAIL,
    /** A chain-trusted verdict needs a good, fresh, correctly signed answer from some source; else REJECTED. */
    HARD_FAIL;

    /**
     * {@code off}, {@code soft} or {@code hard} (the CLI's words), case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    public static RevocationPolicy parse(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "soft" -> SOFT_FAIL;
            case "hard" -> HARD_FAIL;
            default -> throw new IllegalArgumentException("revocation policy '" + word + "' is not one of off, soft, hard");
        };
    }
}
