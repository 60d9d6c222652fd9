package io.localtrust.tokens;

/** One encoding of status tokens, as the verifier sees it: open the envelope, then read the claims. */
interface TokenCodec {

    /** The header checks of docs/tokens.md: shape, algorithm on the allow-list, no crit, explicit type, chain. */
    Envelope open(byte[] token) throws TokenRejection;

    /** The claims of a payload whose signature has verified. */
    RawClaims claims(byte[] payload) throws TokenRejection;
}
