package io.localtrust.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * What commands get from the composition root instead of reaching for globals.
 *
 * @param clock  the time source (tests pass a fixed one)
 * @param random randomness for keys and serials
 * @param out    standard output
 * @param err    standard error
 */
record Env(Clock clock, SecureRandom random, PrintWriter out, PrintWriter err) {
    Env {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
