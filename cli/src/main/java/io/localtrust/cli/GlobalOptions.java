package io.localtrust.cli;

import picocli.CommandLine.Option;

/**
 * Options every command accepts. They are read before picocli runs (logging must be set up
 * before the first log line), and declared here so that {@code --help} shows them.
 */
final class GlobalOptions {
    @Option(names = "--verbose", description = "Log what is being done (to stderr).")
    boolean verbose;

    @Option(names = "--debug", description = "Log everything, and print stack traces of errors.")
    boolean debug;
}
