package io.localtrust.tokens;

import io.localtrust.x509.CertChain;

/**
 * A token opened but not yet trusted: its algorithm and chain from the header, the exact bytes
 * the signature covers, the signature in JOSE/COSE form, and the payload (read only after the
 * signature verifies).
 */
record Envelope(TokenAlgorithm algorithm, CertChain chain, byte[] signedBytes, byte[] signature, byte[] payload) {
}
