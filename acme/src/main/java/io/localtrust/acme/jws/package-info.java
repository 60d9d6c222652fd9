/**
 * JWS as RFC 8555 §6.2 uses it: the flattened JSON serialization, a protected header with
 * {@code alg}, {@code nonce}, {@code url} and exactly one of {@code jwk} / {@code kid}, and the
 * algorithms a gateway accepts (ES256, ES384, RS256, EdDSA with Ed25519). Parsing and key
 * handling use nimbus-jose-jwt; Ed25519 signatures are checked with the JDK (nimbus needs Tink).
 */
package io.localtrust.acme.jws;
