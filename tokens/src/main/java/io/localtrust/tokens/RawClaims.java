package io.localtrust.tokens;

import java.util.Optional;

/**
 * Claims as read from a verified payload, before the verifier's checks: times in seconds since
 * the epoch, the status and nonce as sent, the thumbprint as base64url.
 */
record RawClaims(String issuer, String subject, long issuedAt, long expiresAt, String thumbprint,
                 Optional<String> nonce, String firmwareVersion, String status) {
}
