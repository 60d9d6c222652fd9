package io.localtrust.tokens;

/** Why a status token was rejected: one code per check of docs/tokens.md "Verification", in that order. */
public enum TokenFailure {
    /** Larger than {@link StatusTokenVerifier#MAX_TOKEN_BYTES}; not parsed at all. */
    OVERSIZED,
    /** Not a JWS compact serialization / COSE_Sign1 of the expected shape: truncated, garbage, bad base64, JSON or CBOR. */
    MALFORMED,
    /** The algorithm is not on the allow-list (none, HMAC, RSA, unknown), or not the one the key signs with. */
    ALGORITHM_REJECTED,
    /** A critical header parameter ("crit", COSE label 2) that this verifier cannot honour. */
    CRITICAL_HEADER,
    /** The explicit type (JWT "typ", COSE typ label 16) is missing or names another kind of token. */
    WRONG_TYPE,
    /** The certificate chain (x5c / x5chain) is missing or cannot be read. */
    CHAIN_INVALID,
    /** The TLS key (or the chain's leaf key) is of a type status tokens do not use. */
    KEY_UNSUPPORTED,
    /** The chain's leaf key is not the TLS key the client saw. */
    KEY_MISMATCH,
    /** The signature does not verify with the leaf key. */
    BAD_SIGNATURE,
    /** A required claim is missing, or a claim has the wrong type or form. */
    CLAIM_INVALID,
    /** sub is not the dev-id of the TLS key. */
    SUBJECT_MISMATCH,
    /** cnf does not carry the thumbprint of the TLS key. */
    CONFIRMATION_MISMATCH,
    /** exp − iat exceeds five minutes. */
    LIFETIME_TOO_LONG,
    /** iat lies in the future by more than the allowed clock skew. */
    ISSUED_IN_FUTURE,
    /** exp has passed (allowing for the clock skew). */
    EXPIRED,
    /** The token's nonce is not the client's (or is present when the client sent none, or absent when it did). */
    NONCE_MISMATCH,
    /** An attestation signed by none of the configured attestation anchors (or naming an unknown one in kid). */
    UNKNOWN_SIGNER
}
