package io.localtrust.x509;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.util.encoders.Base32;

/** Hashes and encodings behind {@link Fingerprints}. SHA-1 only for matching legacy lists. */
public final class Digests {
    private Digests() {
    }

    public static byte[] sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    public static String sha1Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("SHA-1", data));
    }

    /** The dev-id of a SubjectPublicKeyInfo DER (DESIGN.md §1b). */
    public static String devId(byte[] spkiDer) {
        return devIdOfDigest(sha256(spkiDer));
    }

    private static String devIdOfDigest(byte[] spkiSha256) {
        byte[] first16 = Arrays.copyOf(spkiSha256, 16);
        return Base32.toBase32String(first16).replace("=", "").toLowerCase(Locale.ROOT);
    }

    /** Fingerprints of a certificate from its DER and its SPKI DER (the SPKI hashed once, for its fingerprint and the dev-id). */
    public static Fingerprints of(byte[] certDer, byte[] spkiDer) {
        byte[] spki = sha256(spkiDer);
        return new Fingerprints(sha256Hex(certDer), sha1Hex(certDer), HexFormat.of().formatHex(spki), devIdOfDigest(spki));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
