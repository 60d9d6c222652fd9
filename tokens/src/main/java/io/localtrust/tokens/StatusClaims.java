package io.localtrust.tokens;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The claims of a device status token, the same in both encodings (docs/tokens.md has the wire
 * names and keys). Every instance is well formed: names and versions are bounded printable text,
 * times are whole seconds, and the token lives at most {@link #MAX_LIFETIME}.
 *
 * @param issuer          iss: the device's name (a DNS name or address literal, as in its certificate)
 * @param subject         sub: the dev-id of the device's TLS key (DESIGN.md §1b, 26 base32 characters)
 * @param issuedAt        iat
 * @param expiresAt       exp: after iat, at most five minutes after it
 * @param nonce           the client's nonce, echoed; empty when the client sent none
 * @param keyThumbprint   cnf.jkt: the RFC 7638 SHA-256 JWK thumbprint of the TLS key (cnf: RFC 7800; jkt: RFC 9449 §6.1), base64url
 * @param firmwareVersion the device's firmware version, 1–64 printable ASCII characters
 * @param status          the device's state
 */
public record StatusClaims(String issuer, String subject, Instant issuedAt, Instant expiresAt, Optional<Nonce> nonce,
                           String keyThumbprint, String firmwareVersion, DeviceStatus status) {

    /** The longest a status token may live: it proves the device's state now, not last week. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
    private static final Pattern DEV_ID = Pattern.compile("[a-z2-7]{26}");
    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern FIRMWARE = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,62}[\\x21-\\x7E])?");

    public StatusClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(keyThumbprint, "keyThumbprint");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(status, "status");
        checkDeviceName(issuer);
        if (!DEV_ID.matcher(subject).matches()) {
            throw new IllegalArgumentException("sub must be a dev-id (26 lowercase base32 characters), not '"
                    + Printable.of(subject) + "'");
        }
        if (!issuedAt.equals(issuedAt.truncatedTo(ChronoUnit.SECONDS))
                || !expiresAt.equals(expiresAt.truncatedTo(ChronoUnit.SECONDS))) {
            throw new IllegalArgumentException("iat and exp are whole seconds (NumericDate)");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("exp (" + expiresAt + ") must be after iat (" + issuedAt + ")");
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a status token lives at most " + MAX_LIFETIME.toMinutes()
                    + " minutes, not " + Duration.between(issuedAt, expiresAt).toSeconds() + " s");
        }
        if (!THUMBPRINT.matcher(keyThumbprint).matches()) {
            throw new IllegalArgumentException("cnf.jkt must be a base64url SHA-256 thumbprint (43 characters), not '"
                    + Printable.of(keyThumbprint) + "'");
        }
        checkFirmwareVersion(firmwareVersion);
    }

    /** The token's lifetime, exp − iat. */
    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    static void checkDeviceName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("iss must be the device's name: 1 to 253 of A–Z a–z 0–9 . _ : -, not '"
                    + Printable.of(name) + "'");
        }
    }

    static void checkFirmwareVersion(String version) {
        if (!FIRMWARE.matcher(version).matches()) {
            throw new IllegalArgumentException("the firmware version is 1 to 64 printable ASCII characters"
                    + " without leading or trailing spaces, not '" + Printable.of(version) + "'");
        }
    }
}
