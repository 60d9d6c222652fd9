package io.localtrust.authority;

import io.localtrust.x509.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The admin API token: stored only as its SHA-256, compared in constant time. */
public final class AdminTokens {
    private AdminTokens() {
    }

    static String hash(String token) {
        return Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code presented} is the token whose hash is stored; constant time in the hash. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null) {
            return false;
        }
        byte[] a = Digests.sha256(presented.getBytes(StandardCharsets.UTF_8));
        byte[] b;
        try {
            b = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(a, b);
    }
}
