package io.localtrust.tokens;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an attestation says: authority {@code issuer} vouches that the key with thumbprint
 * {@code keyThumbprint} (the device's TLS key; {@code subject} is its dev-id) belongs to a device
 * it knows, from {@code issuedAt} until {@code expiresAt} (DESIGN.md §3 step 4, §4; docs/tokens.md
 * "Attestation tokens"). Unlike a status token, which the device signs about itself and which lives
 * minutes, an attestation is signed by a third party (a vendor, an IoT authority, an ownership
 * service) and lives as long as a certificate might.
 *
 * @param issuer        iss: the authority's name, 1–200 printable ASCII characters
 * @param subject       sub: the dev-id of the bound key (26 base32 characters)
 * @param issuedAt      iat
 * @param expiresAt     exp: after iat, at most {@link #MAX_LIFETIME} after it
 * @param keyThumbprint cnf.jkt: the RFC 7638 SHA-256 JWK thumbprint of the bound key (RFC 7800, RFC 9449 §6.1), base64url
 */
public record AttestationClaims(String issuer, String subject, Instant issuedAt, Instant expiresAt, String keyThumbprint) {
    /** The longest an attestation may live: as long as a publicly trusted TLS certificate (398 days). */
    public static final Duration MAX_LIFETIME = Duration.ofDays(398);

    private static final Pattern ISSUER = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,198}[\\x21-\\x7E])?");
    private static final Pattern DEV_ID = Pattern.compile("[a-z2-7]{26}");
    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

    public AttestationClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(keyThumbprint, "keyThumbprint");
        if (!ISSUER.matcher(issuer).matches()) {
            throw new IllegalArgumentException("iss is 1 to 200 printable ASCII characters without leading or trailing spaces, not '"
                    + Printable.of(issuer) + "'");
        }
        if (!DEV_ID.matcher(subject).matches()) {
            throw new IllegalArgumentException("sub must be a dev-id (26 lowercase base32 characters), not '" + Printable.of(subject) + "'");
        }
        if (!issuedAt.equals(issuedAt.truncatedTo(ChronoUnit.SECONDS)) || !expiresAt.equals(expiresAt.truncatedTo(ChronoUnit.SECONDS))) {
            throw new IllegalArgumentException("iat and exp are whole seconds (NumericDate)");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("exp (" + expiresAt + ") must be after iat (" + issuedAt + ")");
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("an attestation lives at most " + MAX_LIFETIME.toDays() + " days, not "
                    + Duration.between(issuedAt, expiresAt).toDays());
        }
        if (!THUMBPRINT.matcher(keyThumbprint).matches()) {
            throw new IllegalArgumentException("cnf.jkt must be a base64url SHA-256 thumbprint (43 characters), not '"
                    + Printable.of(keyThumbprint) + "'");
        }
    }

    /**
     * The claims binding the key with this SubjectPublicKeyInfo (DER): its dev-id and thumbprint.
     *
     * @throws IllegalArgumentException a key that tokens cannot name (not P-256, P-384 or Ed25519)
     */
    public static AttestationClaims binding(String issuer, byte[] spkiDer, Instant issuedAt, Instant expiresAt) {
        DeviceKey k;
        try {
            k = DeviceKey.fromSpki(spkiDer);
        } catch (DeviceKey.UnsupportedKeyException e) {
            throw new IllegalArgumentException("the key to attest: " + e.getMessage(), e);
        }
        return new AttestationClaims(issuer, k.devId(), issuedAt, expiresAt, k.thumbprint());
    }

    /** The RFC 7638 thumbprint a key with this SubjectPublicKeyInfo has, as cnf.jkt carries it; empty for an unusable key. */
    public static java.util.Optional<String> thumbprintOf(byte[] spkiDer) {
        try {
            return java.util.Optional.of(DeviceKey.fromSpki(spkiDer).thumbprint());
        } catch (DeviceKey.UnsupportedKeyException e) {
            return java.util.Optional.empty();
        }
    }
}
