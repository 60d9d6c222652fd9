package io.localtrust.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localtrust gateway …}: the local CA of U-L/S and its operations. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run the gateway's local certificate authority (the seed's U-L/S).",
            "A key ceremony makes a name-constrained root and issuing CA; devices get unique",
            "certificates after a person approves them; certificates can be revoked."},
        footer = {"", "Exit codes: 0 done, 1 internal error, 2 bad input or options, 3 refused by policy."})
final class GatewayCommand implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
