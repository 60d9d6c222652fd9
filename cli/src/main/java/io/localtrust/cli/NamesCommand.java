package io.localtrust.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localtrust names …}: the device name service of U-CA/S (issue 8, docs/names.md). */
@Command(name = "names", mixinStandardHelpOptions = true,
        description = {"Run the device name service (the seed's U-CA/S): public DNS names for LAN devices",
            "(<hex-address>.<dev-id>.<zone>, <dev-id>.<zone>) and DNS-01 hosting with an acme-dns compatible API,",
            "so a public CA issues a device a certificate every browser trusts. See docs/names.md."},
        footer = {"", "Exit codes: 0 done, 1 internal error, 2 bad input or options."})
final class NamesCommand implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
