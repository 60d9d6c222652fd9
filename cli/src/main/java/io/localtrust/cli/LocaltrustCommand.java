package io.localtrust.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command: lists the subcommands. */
@Command(name = "localtrust", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Trusted HTTPS between browsers and devices on the local network.",
            "Classifies device certificate practices, issues device-unique certificates, decides trust.",
            ""},
        footer = {"", "Exit codes: 0 success, 1 internal error, 2 bad input or options, 3 refused by the gateway's policy;",
            "probe: 0 trusted or pinned, 4 a warning, 5 rejected.",
            "Run 'localtrust COMMAND --help' for a command's options."})
final class LocaltrustCommand implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
