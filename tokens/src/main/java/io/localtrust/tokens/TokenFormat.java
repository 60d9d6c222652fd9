package io.localtrust.tokens;

import java.util.Locale;
import java.util.Optional;

/** The two encodings of a status token, with the HTTP media type each is served as. */
public enum TokenFormat {
    /** A JWS compact serialization (RFC 7515, RFC 7519), served as {@code application/jwt} (RFC 7519 §10.3.1). */
    JWT("application/jwt"),
    /** A tagged COSE_Sign1 (RFC 9052 §4.2) whose payload is a CWT claims set (RFC 8392), served as {@code application/cose}. */
    COSE("application/cose");

    private final String mediaType;

    TokenFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type of a response carrying a token of this format. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The format a response's Content-Type names: the media type before any parameters, compared
     * without case ({@code application/cose; cose-type="cose-sign1"} is COSE); empty for any other.
     */
    public static Optional<TokenFormat> fromMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        for (TokenFormat f : values()) {
            if (f.mediaType.equals(type)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
