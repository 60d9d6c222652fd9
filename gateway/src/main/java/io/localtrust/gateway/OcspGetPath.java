package io.localtrust.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request carried by {@code GET /ocsp/{request}} (RFC 6960 Appendix A.1, RFC 5019 §5): the
 * DER request in base64, URL-encoded or not, standard or URL-safe alphabet (clients differ).
 */
final class OcspGetPath {
    /** Longest base64 request accepted on GET (RFC 5019 §5: GET is for requests under 255 bytes). */
    static final int MAX_GET = 4096;
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private OcspGetPath() {
    }

    /** The DER request in this raw path segment; empty when it is too long or not base64. */
    static Optional<byte[]> decode(String raw) {
        if (raw.length() > MAX_GET) {
            return Optional.empty();
        }
        try {
            String b64 = raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw
                    : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.US_ASCII);
            if (hasWhitespace(b64)) {
                b64 = WHITESPACE.matcher(b64).replaceAll("");
            }
            return Optional.of(b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(b64)
                    : Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
