package io.localtrust.authority;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the pairing keys are derived from, {@code DIR/pairing-secret.key} (32 random bytes,
 * 0600, beside the issuing key): a pairing key is HMAC-SHA-256(secret, "localtrust-pairing-key-v1\n"
 * + kid). So the store holds only kids, and a copy of it cannot mint a binding; every process that
 * verifies (each gateway sharing a PostgreSQL store) needs this file, as it needs the CA files.
 * Made at the first {@code gateway pair}, atomically: two processes making it at once end up with
 * one. Never logged, never printed.
 */
final class PairingSecret {
    static final int BYTES = 32;
    private static final String LABEL = "localtrust-pairing-key-v1\n";
    private final Path file;
    private final SecureRandom random;
    private volatile byte[] cached;

    PairingSecret(Path file, SecureRandom random) {
        this.file = file;
        this.random = random;
    }

    /** The pairing key of {@code kid}, making the secret first if there is none yet. */
    byte[] keyFor(String kid) throws IOException {
        return derive(secret(true).orElseThrow(), kid);
    }

    /** The pairing key of {@code kid}; empty when no secret was ever made (so no key exists). */
    Optional<byte[]> existingKeyFor(String kid) throws IOException {
        Optional<byte[]> s = secret(false);
        return s.isEmpty() ? Optional.empty() : Optional.of(derive(s.get(), kid));
    }

    private Optional<byte[]> secret(boolean create) throws IOException {
        byte[] s = cached;
        if (s != null) {
            return Optional.of(s);
        }
        synchronized (this) {
            if (cached != null) {
                return Optional.of(cached);
            }
            try {
                s = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                if (!create) {
                    return Optional.empty();
                }
                s = make();
            }
            if (s.length != BYTES) {
                throw new IOException(file + " is damaged: a pairing secret is " + BYTES + " bytes");
            }
            cached = s;
            return Optional.of(s);
        }
    }

    /** Writes a new secret beside, then links it into place: whoever links first wins, the other reads it. */
    private byte[] make() throws IOException {
        byte[] s = new byte[BYTES];
        random.nextBytes(s);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(random.nextLong()));
        SecureFiles.writeSecret(temp, s);
        try {
            Files.createLink(file, temp);
            return s;
        } catch (FileAlreadyExistsException e) {
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] derive(byte[] secret, String kid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal((LABEL + kid).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
