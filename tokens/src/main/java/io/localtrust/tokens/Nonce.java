package io.localtrust.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The client's nonce, echoed in a status token so the client knows the token was made for its
 * request. 8 to 64 visible ASCII characters (0x21–0x7E): bounded so a client cannot make the
 * device sign arbitrary data, and sized like the EAT nonce (RFC 9711 §4.1, 8–64 bytes), whose CWT
 * claim key carries it in the COSE form.
 */
public record Nonce(String value) {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;

    public Nonce {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a nonce has " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters, not " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("a nonce holds visible ASCII characters only, not U+"
                        + String.format("%04X", (int) c) + " at position " + (i + 1));
            }
        }
    }

    /** A fresh nonce for a client: 128 random bits, base64url without padding (22 characters). */
    public static Nonce random(SecureRandom random) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return new Nonce(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }

    /** Whether {@code other} is this nonce, compared in time independent of where they differ. */
    public boolean matches(Nonce other) {
        return MessageDigest.isEqual(bytes(), other.bytes());
    }

    /** The ASCII bytes: the COSE form's byte string. */
    byte[] bytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
