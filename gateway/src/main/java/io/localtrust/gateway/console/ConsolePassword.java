package io.localtrust.gateway.console;

import io.localtrust.login.PasswordHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The console's admin password, kept in {@code DIR/console-password} as one Argon2id hash in the
 * PHC string format ({@link PasswordHash}, shared with the device agent's admin page) — never the
 * password. The file is written whole (a temporary sibling, mode 0600, renamed over the old one),
 * so a reader sees the old hash or the new one; the running console re-reads it at every sign-in
 * and a change ends every session it had opened. Without the file the console signs nobody in.
 */
public final class ConsolePassword {
    /** The file in the gateway directory. */
    public static final String FILE = "console-password";
    /** Shortest password accepted (the device agent's rule). */
    public static final int MIN_LENGTH = PasswordHash.MIN_LENGTH;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private ConsolePassword() {
    }

    public static Path file(Path gatewayDir) {
        return gatewayDir.resolve(FILE);
    }

    /**
     * Stores the hash of {@code password}, replacing any earlier one.
     *
     * @throws IllegalArgumentException a password shorter than {@link #MIN_LENGTH} or made only of spaces
     */
    public static void set(Path gatewayDir, char[] password, SecureRandom random) throws IOException {
        if (password.length < MIN_LENGTH) {
            throw new IllegalArgumentException("the console password needs at least " + MIN_LENGTH + " characters");
        }
        if (new String(password).isBlank()) {
            throw new IllegalArgumentException("the console password cannot be only spaces");
        }
        if (!Files.isDirectory(gatewayDir)) {
            throw new NoSuchFileException(gatewayDir.toString(), null, "not a gateway directory");
        }
        String hash = PasswordHash.hash(password, random);
        Path tmp = gatewayDir.resolve("." + FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process is setting the console password", raced);
        }
        Files.writeString(tmp, hash + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file(gatewayDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(gatewayDir), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The stored hash, if a password was set. */
    public static Optional<String> read(Path gatewayDir) throws IOException {
        try {
            String s = Files.readString(file(gatewayDir), StandardCharsets.US_ASCII).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** A fresh password to print once: 20 characters from a 32-letter alphabet without look-alikes (100 bits). */
    public static char[] generate(SecureRandom random) {
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return out;
    }
}
