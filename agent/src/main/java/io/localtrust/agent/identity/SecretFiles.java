package io.localtrust.agent.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the state directory's files all-or-nothing: into a temporary sibling created with its
 * final mode (0600 for secrets: never readable by others, not even for a moment), synced, then
 * renamed over the target — a crash leaves the old file or the new one, never half of one.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    /** Replaces {@code file} atomically with {@code content}, readable by the owner only (0600). */
    public static void writeSecret(Path file, byte[] content) throws IOException {
        write(file, content, "rw-------");
    }

    /** Replaces {@code file} atomically with {@code content}, world-readable (0644): certificates, settings. */
    public static void writePublic(Path file, byte[] content) throws IOException {
        write(file, content, "rw-r--r--");
    }

    private static void write(Path file, byte[] content, String mode) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(content);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
