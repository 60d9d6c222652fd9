package io.localtrust.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed status token, ready to send: the bytes of the HTTP response body and its Content-Type.
 *
 * @param format  the encoding
 * @param claims  what it says
 * @param encoded the response body (copied in and out)
 */
public record SignedToken(TokenFormat format, StatusClaims claims, byte[] encoded) {
    public SignedToken {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(claims, "claims");
        encoded = encoded.clone();
    }

    /** The response body: the JWS compact serialization's ASCII, or the COSE_Sign1's CBOR. */
    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The Content-Type to serve it with. */
    public String mediaType() {
        return format.mediaType();
    }

    /** The compact serialization of a JWT; for COSE, an error (binary has no text form). */
    public String text() {
        if (format != TokenFormat.JWT) {
            throw new IllegalStateException("a COSE_Sign1 is binary");
        }
        return new String(encoded, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedToken t && t.format == format && t.claims.equals(claims) && Arrays.equals(t.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, claims, Arrays.hashCode(encoded));
    }

    @Override
    public String toString() {
        return "SignedToken[" + format + ", " + encoded.length + " bytes, " + claims + "]";
    }
}
