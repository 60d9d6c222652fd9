/**
 * Device status tokens: what a device signs about itself with its TLS key (the seed's "non-TLS
 * security"), served at {@code /.well-known/local-device/status} (DESIGN.md §4). The device agent
 * signs with {@link io.localtrust.tokens.StatusTokenSigner}; the trust engine verifies with
 * {@link io.localtrust.tokens.StatusTokenVerifier}, which binds the token to the key seen in the
 * TLS handshake. One claims record ({@link io.localtrust.tokens.StatusClaims}), two encodings
 * ({@link io.localtrust.tokens.TokenFormat}); docs/tokens.md specifies both byte for byte.
 *
 * <p>Libraries: JOSE is nimbus-jose-jwt's (header and claims model, parsing, serialization,
 * ECDSA DER ↔ r‖s transcoding), as in the ACME module. For COSE we use PeterO's CBOR library
 * ({@code com.upokecenter:cbor}) and build the COSE_Sign1 and its Sig_structure ourselves (RFC
 * 9052 §4.2, §4.4): it keeps CBOR's data model exact — integer map keys stay integers (Jackson's
 * CBOR parser turns them into strings, so key 1 and "1" would be one claim), tags and byte strings
 * are visible — and it rejects duplicate keys. The COSE library for Java, cose-java
 * (com.augustcellars.cose), was not fit: no release in years, its own Bouncy Castle and EdDSA
 * dependencies, and it signs with keys held as COSE_Key objects ({@code OneKey}), which a PKCS#11
 * key never becomes.
 *
 * <p>Every signature goes through JCA {@code Signature} with the caller's {@code PrivateKey}, so a
 * key inside a PKCS#11 token signs there; nothing here reads, logs or prints key material.
 */
package io.localtrust.tokens;
