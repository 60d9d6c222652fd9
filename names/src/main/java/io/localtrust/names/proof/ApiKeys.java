package io.localtrust.names.proof;

import io.localtrust.login.PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The credentials the API hands out, acme-dns's shape: a random UUID as the user, 40 random
 * URL-safe characters (240 bits) as the key. The key is stored only as an Argon2id hash (RFC 9106)
 * in PHC form — the login module's {@link PasswordHash}, the admin passwords' hash (m=7 MiB, t=5,
 * OWASP's equivalent minimum), reused rather than repeated — and checked in constant time. A leaked database then reveals no key that updates a TXT value.
 */
public final class ApiKeys {
    /** The length of a key, as acme-dns checks it. */
    public static final int KEY_LENGTH = 40;
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private final SecureRandom random;

    public ApiKeys(SecureRandom random) {
        this.random = random;
    }

    /** A fresh random (version 4) UUID: a user name or an acme-dns subdomain. */
    public String uuid() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }

    /** Whether {@code text} is a UUID as {@link #uuid()} makes them (lowercase, version 4). */
    public static boolean isUuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }

    /** A fresh key: {@value #KEY_LENGTH} characters of URL-safe base64 (240 random bits). */
    public String key() {
        byte[] b = new byte[KEY_LENGTH * 3 / 4];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The Argon2id PHC string of {@code key}, with a fresh salt ({@link PasswordHash}, the admin passwords' hash). */
    public String hash(String key) {
        return PasswordHash.hash(key.toCharArray(), random);
    }

    /** Whether {@code key} matches {@code encoded}, in constant time; a malformed hash matches nothing. */
    public static boolean verify(String key, String encoded) {
        return key != null && PasswordHash.verify(key.toCharArray(), encoded);
    }
}
