package io.localtrust.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The admin password as an Argon2id hash (RFC 9106) in the PHC string format
 * ({@code $argon2id$v=19$m=7168,t=5,p=1$SALT$HASH}), with one of the parameter sets OWASP lists as
 * equivalent minimums (7 MiB and 5 passes, beside 19 MiB and 2): the smallest memory, because a
 * device agent serves its page within a 32 MB heap (BENCHMARKS.md: with 19 MiB the hash alone ran
 * it out of memory). Bouncy Castle's Argon2, already on the class path. Checked in constant time;
 * the stored parameters are used, so hashes made with other parameters still verify.
 */
public final class PasswordHash {
    /** Shortest password accepted at onboarding. */
    public static final int MIN_LENGTH = 10;
    private static final int MEMORY_KIB = 7 * 1024;
    private static final int ITERATIONS = 5;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private PasswordHash() {
    }

    public static String hash(char[] password, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] h = argon2(password, salt, MEMORY_KIB, ITERATIONS, 1, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(h);
    }

    /** Whether {@code password} matches {@code encoded}; a malformed hash matches nothing. */
    public static boolean verify(char[] password, String encoded) {
        Matcher m = PHC.matcher(encoded.trim());
        if (!m.matches()) {
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
        return MessageDigest.isEqual(argon2(password, salt, memory, iterations, parallelism, expected.length), expected);
    }

    private static byte[] argon2(char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism).build());
        byte[] out = new byte[length];
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        g.generateBytes(pw, out);
        java.util.Arrays.fill(pw, (byte) 0);
        return out;
    }
}
