package io.localtrust.cli;

import io.localtrust.x509.TestCerts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs the command line in-process on a fixed clock and captures what it prints. */
final class Cli {
    /** The clock every CLI test runs at: the instant the test certificates are made at. */
    static final Instant NOW = TestCerts.NOW;

    private Cli() {
    }

    /** Exit code and the two streams of one run. */
    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** stdout with runs of whitespace folded to one space (for wrapped paragraphs). */
        String outFolded() {
            return out.replaceAll("\\s+", " ");
        }
    }

    static Result run(String... args) {
        return runAt(Clock.fixed(NOW, ZoneOffset.UTC), args);
    }

    /**
     * Runs it on the real clock: what an owner types while a gateway process runs (an approval or
     * revocation it must see now), without the start of a JVM of its own.
     */
    static Result runNow(String... args) {
        return runAt(Clock.systemUTC(), args);
    }

    /** Runs it at {@code when}: a gateway used again after time has passed (expiry, a device back after months). */
    static Result runAt(java.time.Instant when, String... args) {
        return runAt(Clock.fixed(when, ZoneOffset.UTC), args);
    }

    private static Result runAt(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Env env = new Env(clock, new SecureRandom(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        int exit = Main.run(env, args);
        return new Result(exit, out.toString(), err.toString());
    }
}
