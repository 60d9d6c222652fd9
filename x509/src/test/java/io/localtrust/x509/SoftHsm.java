package io.localtrust.x509;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real SoftHSM2 for the PKCS#11 tests of every module (shared through this module's test-jar).
 * SoftHSM reads {@code SOFTHSM2_CONF} and its token directory once, when SunPKCS11 first loads the
 * library into this JVM, and does not see tokens made afterwards. So the first use writes the
 * configuration Maven points SOFTHSM2_CONF at (the module's pom.xml, surefire
 * {@code environmentVariables}: target/softhsm/softhsm2.conf), wipes its token directory and makes
 * a pool of fresh tokens with {@code softhsm2-util}; each test then takes tokens of its own.
 * A missing SoftHSM2 fails the tests (it is never a skip), naming the Debian package.
 */
public final class SoftHsm {
    public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    public static final String PIN = "localtrust-test-pin";
    public static final String SO_PIN = "localtrust-test-so-pin";
    /** Tokens made at first use; a module needing fewer sets -Dlocaltrust.softhsm.pool (each takes ~0.6 s to make). */
    private static final int POOL = Integer.getInteger("localtrust.softhsm.pool", 12);
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    /** A token made for the tests. */
    public record Token(String label, long slot) {
        /** A SunPKCS11 configuration for this token, generating sensitive, non-extractable token keys. */
        public Path writeConfig(Path file) throws IOException {
            Files.writeString(file, config(this, true));
            return file;
        }
    }

    private static List<Token> free;

    private SoftHsm() {
    }

    public static String config(Token t, boolean attributes) {
        String base = "name = localtrust-test-" + t.slot() + "\nlibrary = " + LIBRARY + "\nslot = " + t.slot() + "\n";
        return attributes ? base + """
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                }
                attributes(generate, CKO_PUBLIC_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_VERIFY = true
                }
                """ : base;
    }

    /** A fresh, initialised, empty token nobody else in this JVM uses. */
    public static synchronized Token token() {
        if (free == null) {
            free = setUp();
        }
        if (free.isEmpty()) {
            throw new AssertionError("SoftHsm: the pool of " + POOL + " test tokens is used up: raise localtrust.softhsm.pool");
        }
        return free.remove(0);
    }

    private static List<Token> setUp() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new AssertionError("SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven (the module's pom.xml sets it for surefire)");
        }
        if (!Files.isRegularFile(Path.of(LIBRARY)) || !onPath("softhsm2-util")) {
            throw new AssertionError("SoftHSM2 is missing (" + LIBRARY + ", softhsm2-util): install the Debian package softhsm2");
        }
        try {
            Path confFile = Path.of(conf);
            Path tokens = confFile.resolveSibling("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> s = Files.walk(tokens)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n"
                    + "slots.removable = false\n");
            List<Token> made = new ArrayList<>();
            for (int i = 1; i <= POOL; i++) {
                String label = "lt-test-" + i;
                String out = run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN);
                Matcher m = SLOT.matcher(out);
                if (!m.find()) {
                    throw new AssertionError("softhsm2-util --init-token said: " + out);
                }
                made.add(new Token(label, Long.parseLong(m.group(1))));
            }
            return made;
        } catch (IOException e) {
            throw new AssertionError("cannot set up SoftHSM2 in " + conf + ": " + e.getMessage(), e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
