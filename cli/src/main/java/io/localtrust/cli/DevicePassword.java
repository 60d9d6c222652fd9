package io.localtrust.cli;

import io.localtrust.agent.identity.SecretFiles;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.login.PasswordHash;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The admin page's password, set when the device is onboarded: from {@code --password-file} or
 * asked twice on the terminal, kept only as its Argon2id hash (0600). Later starts read the hash;
 * {@code --password-file} then replaces it.
 */
final class DevicePassword {
    private DevicePassword() {
    }

    static String obtain(StateDir dir, Path file, Console console, SecureRandom random) {
        Path stored = dir.passwordFile();
        try {
            if (file == null && Files.exists(stored)) {
                return Files.readString(stored, StandardCharsets.US_ASCII).trim();
            }
            char[] pw = file != null ? fromFile(file) : ask(console);
            if (pw.length < PasswordHash.MIN_LENGTH) {
                throw new UserError("the admin password needs at least " + PasswordHash.MIN_LENGTH + " characters");
            }
            String hash = PasswordHash.hash(pw, random);
            Arrays.fill(pw, '\0');
            SecretFiles.writeSecret(stored, (hash + "\n").getBytes(StandardCharsets.US_ASCII));
            return hash;
        } catch (IOException e) {
            throw new UserError(stored + ": " + e.getMessage());
        }
    }

    private static char[] fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such password file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the password file (" + e.getMessage() + ")");
        }
    }

    private static char[] ask(Console console) {
        if (console == null) {
            throw new UserError("no admin password: give --password-file FILE, or run on a terminal to be asked");
        }
        char[] first = console.readPassword("Admin password for this device's page: ");
        char[] again = console.readPassword("Repeat it: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new UserError("the passwords do not match");
        }
        Arrays.fill(again, '\0');
        return first;
    }
}
