package io.localtrust.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localtrust device …}: what runs on a device (the agent). */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = {"Run the device agent of U-L/S (device run) or simulate a fleet (device simulate).",
            "device run: a unique key made on the device, onboarding through the gateway's ACME, an HTTPS admin page",
            "with a stapled OCSP response, renewal, and signed status tokens. device simulate: many devices of every",
            "practice on loopback. See docs/agent.md and docs/fleet.md."},
        footer = {"", "Exit codes: 0 stopped, 1 internal error, 2 bad input, damaged state, port in use."})
final class DeviceCommand implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
