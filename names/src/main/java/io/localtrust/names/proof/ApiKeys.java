package io.localtrust.names.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The credentials the API hands out, acme-dns's shape: a random UUID as the user, 40 random
 * URL-safe characters (240 bits) as the key. The key is stored only as an Argon2id hash (RFC 9106)
 * in PHC form, with the parameters the device agent uses for its admin password
 * ({@code io.localtrust.login.PasswordHash}: m=7 MiB, t=5, OWASP's equivalent minimum), and
 * checked in constant time. A leaked database then reveals no key that updates a TXT value.
 */
public final class ApiKeys {
    /** The length of a key, as acme-dns checks it. */
    public static final int KEY_LENGTH = 40;
    private static final int MEMORY_KIB = 7 * 1024;
    private static final int ITERATIONS = 5;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
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

    /** The Argon2id PHC string of {@code key}, with a fresh salt. */
    public String hash(String key) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] h = argon2(key, salt, MEMORY_KIB, ITERATIONS, 1, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** Whether {@code key} matches {@code encoded}, in constant time; a malformed hash matches nothing. */
    public static boolean verify(String key, String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (key == null || !m.matches()) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory > 1 << 20 || iterations < 1 || parallelism < 1) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        return MessageDigest.isEqual(argon2(key, salt, memory, iterations, parallelism, expected.length), expected);
    }

    private static byte[] argon2(String key, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism).build());
        byte[] out = new byte[length];
        byte[] pw = key.getBytes(StandardCharsets.UTF_8);
        g.generateBytes(pw, out);
        java.util.Arrays.fill(pw, (byte) 0);
        return out;
    }
}
