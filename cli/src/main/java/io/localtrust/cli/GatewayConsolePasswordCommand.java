package io.localtrust.cli;

import io.localtrust.gateway.console.ConsolePassword;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gateway console-password}: sets or resets the web console's admin password of an
 * existing gateway directory. Stored only as an Argon2id hash ({@link ConsolePassword}); a
 * running gateway uses the new one at the next sign-in and ends every open console session.
 */
@Command(name = "console-password", mixinStandardHelpOptions = true,
        description = {"Set or reset the gateway console's admin password.",
            "From the first line of --password-file, or typed twice on a terminal; with neither (or with --generate) a random",
            "one is made and printed once. Stored only as an Argon2id hash in DIR/" + ConsolePassword.FILE + " (mode 0600).",
            "A running gateway takes it at the next sign-in and signs every console session out."},
        footer = {"", "Example:", "  localtrust gateway console-password --dir /var/lib/localtrust",
            "", "Exit codes: 0 set, 1 internal error, 2 bad input (too short, unreadable file, not a gateway directory)."})
final class GatewayConsolePasswordCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The gateway directory (made by `gateway init`).")
    Path dir;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--generate", description = "Make a random password and print it once, even on a terminal.")
    boolean generate;

    GatewayConsolePasswordCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve("gateway.json"))) {
            throw new UserError(dir + ": not a gateway directory (no gateway.json): run gateway init first");
        }
        if (generate && passwordFile != null) {
            throw new UserError("--generate and --password-file exclude each other");
        }
        boolean made = generate || (passwordFile == null && System.console() == null);
        char[] password = made ? ConsolePassword.generate(env.random()) : obtain(passwordFile);
        try {
            set(env, dir, password);
            env.out().println("Console password " + (made ? "set: " + new String(password) + "  (shown once; stored only as a hash)"
                    : "set (stored only as a hash)") + "; open console sessions end at the next sign-in.");
            env.out().flush();
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Stores the hash, or a one-line error. */
    static void set(Env env, Path dir, char[] password) {
        try {
            ConsolePassword.set(dir, password, env.random());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(dir + ": cannot store the console password (" + e.getMessage() + ")");
        }
    }

    /** The password from a file's first line, or typed twice. */
    static char[] obtain(Path file) {
        if (file != null) {
            try {
                String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                if (first.isEmpty()) {
                    throw new UserError(file + ": the password file is empty");
                }
                return first.toCharArray();
            } catch (NoSuchFileException e) {
                throw new UserError(file + ": no such file");
            } catch (IOException e) {
                throw new UserError(file + ": cannot read the password file (" + e.getMessage() + ")");
            }
        }
        char[] first = System.console().readPassword("Console password (at least %d characters): ", ConsolePassword.MIN_LENGTH);
        char[] again = System.console().readPassword("Repeat it: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new UserError("the passwords do not match");
        }
        Arrays.fill(again, '\0');
        return first;
    }
}
