package io.localtrust.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The {@code localtrust} command tree. picocli builds each command's model by reflection when the
 * command is added, so a command line that names a command gets the root and that one branch
 * only ({@code scan} does not pay for the gateway's thirteen commands: BENCHMARKS.md, "The
 * fleet scanner's start-up"); anything else — no command, {@code --help}, {@code --version}, an unknown word —
 * gets every branch, so the root's help lists them all and errors read as before.
 */
final class CommandTree {
    private CommandTree() {
    }

    /** The root with the branch {@code args} name, or with all of them. */
    static CommandLine forArgs(Env env, String... args) {
        Map<String, Function<Env, Object>> branches = branches();
        CommandLine root = new CommandLine(new LocaltrustCommand());
        Optional<String> named = commandWord(args).filter(branches::containsKey);
        if (named.isPresent()) {
            root.addSubcommand(named.get(), branches.get(named.get()).apply(env));
        } else {
            branches.forEach((name, branch) -> root.addSubcommand(name, branch.apply(env)));
        }
        return root;
    }

    /** Every top-level command in the order the root's help lists them. */
    static Map<String, Function<Env, Object>> branches() {
        Map<String, Function<Env, Object>> b = new LinkedHashMap<>();
        b.put("inspect", InspectCommand::new);
        b.put("demo", DemoCommand::new);
        b.put("probe", ProbeCommand::new);
        b.put("scan", ScanCommand::new);
        b.put("gateway", CommandTree::gateway);
        b.put("device", CommandTree::device);
        b.put("names", CommandTree::names);
        return b;
    }

    /**
     * The first argument that is not one of the root's global options ({@code --verbose},
     * {@code --debug}): the command, if the line names one. Options the root does not know stop
     * the search, so picocli reports them exactly as it would with the whole tree.
     */
    static Optional<String> commandWord(String... args) {
        for (String a : args) {
            if (!a.equals("--verbose") && !a.equals("--debug")) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static CommandLine gateway(Env env) {
        CommandLine gateway = new CommandLine(new GatewayCommand());
        gateway.addSubcommand("init", new GatewayInitCommand(env));
        gateway.addSubcommand("issue", new GatewayIssueCommand(env));
        gateway.addSubcommand("run", new GatewayRunCommand(env));
        gateway.addSubcommand("console-password", new GatewayConsolePasswordCommand(env));
        GatewayShellCommands.addTo(gateway, env);
        GatewayRootCommands.addTo(gateway, env);
        return gateway;
    }

    private static CommandLine device(Env env) {
        CommandLine device = new CommandLine(new DeviceCommand());
        device.addSubcommand("run", new DeviceRunCommand(env));
        device.addSubcommand("simulate", new DeviceSimulateCommand(env));
        return device;
    }

    private static CommandLine names(Env env) {
        CommandLine names = new CommandLine(new NamesCommand());
        names.addSubcommand("run", new NamesRunCommand(env));
        return names;
    }
}
