package io.localtrust.ladder;

/**
 * What a trusted verdict needs to know about revocation. A stapled response that says
 * "revoked" (and is signed by the issuer or its delegated responder) rejects under either policy.
 */
public enum RevocationPolicy {
    /** No staple, or an unusable one, is recorded as a reason and does not change the verdict. */
    SOFT_FAIL,
    /** A chain-trusted verdict needs a good, fresh, correctly signed stapled response; else REJECTED. */
    HARD_FAIL
}
