package io.localtrust.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where the root key's passphrase comes from: a file (first line), an environment variable, or
 * the terminal (asked twice when creating). Never a command-line argument: those show in `ps`.
 */
final class Passphrases {
    static final String ENV = "LOCALTRUST_ROOT_PASSPHRASE";

    private Passphrases() {
    }

    static char[] obtain(Path file, Map<String, String> environment, Console console, boolean confirm) {
        if (file != null) {
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                String first = content.lines().findFirst().orElse("");
                if (first.isEmpty()) {
                    throw new UserError(file + ": the passphrase file is empty");
                }
                return first.toCharArray();
            } catch (NoSuchFileException e) {
                throw new UserError(file + ": no such file");
            } catch (IOException e) {
                throw new UserError(file + ": cannot read the passphrase file (" + e.getMessage() + ")");
            }
        }
        String env = environment.get(ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        if (console == null) {
            throw new UserError("no root key passphrase: give --passphrase-file FILE, set " + ENV + ", or run on a terminal");
        }
        char[] first = console.readPassword("Root key passphrase: ");
        if (first == null) {
            throw new UserError("no passphrase entered");
        }
        if (confirm) {
            char[] again = console.readPassword("Repeat the passphrase: ");
            if (again == null || !Arrays.equals(first, again)) {
                throw new UserError("the passphrases do not match");
            }
            Arrays.fill(again, '\0');
        }
        return first;
    }
}
