package io.localtrust.acme.validation;

import io.localtrust.x509.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Compares what a device presented with the expected key authorization (RFC 8555 §8.1), in
 * constant time: {@link MessageDigest#isEqual} does not stop at the first differing byte, so a
 * device cannot learn the expected value byte by byte from response times.
 */
final class KeyAuthorization {
    private KeyAuthorization() {
    }

    /**
     * Whether an http-01 body is the key authorization. Trailing whitespace (space, tab, CR, LF)
     * is ignored, as Boulder does, since files written by editors and {@code echo} end in a newline.
     */
    static boolean matchesBody(String keyAuthorization, byte[] body) {
        int end = body.length;
        while (end > 0 && (body[end - 1] == ' ' || body[end - 1] == '\t' || body[end - 1] == '\r' || body[end - 1] == '\n')) {
            end--;
        }
        return MessageDigest.isEqual(bytes(keyAuthorization), Arrays.copyOf(body, end));
    }

    /** Whether a tls-alpn-01 digest is SHA-256 of the key authorization (RFC 8737 §3). */
    static boolean matchesDigest(String keyAuthorization, byte[] digest) {
        return MessageDigest.isEqual(Digests.sha256(bytes(keyAuthorization)), digest);
    }

    private static byte[] bytes(String keyAuthorization) {
        return keyAuthorization.getBytes(StandardCharsets.UTF_8);
    }
}
