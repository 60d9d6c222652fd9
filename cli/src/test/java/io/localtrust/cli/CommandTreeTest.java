package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Building only the named branch of the command tree changes nothing a user sees. */
class CommandTreeTest {
    private final Env env = new Env(Clock.systemUTC(), new SecureRandom(), new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));

    static Iterable<String> commands() {
        return CommandTree.branches().keySet();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aNamedCommandGetsItsBranchOnly(String command) {
        CommandLine root = CommandTree.forArgs(env, "--verbose", command, "--help");
        assertThat(root.getSubcommands()).containsOnlyKeys(command);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aBranchBuiltAloneHasTheSameHelpAsInTheWholeTree(String command) {
        CommandLine whole = CommandTree.forArgs(env);
        CommandLine alone = CommandTree.forArgs(env, command);
        assertThat(helpOfEveryCommandUnder(alone.getSubcommands().get(command)))
                .isEqualTo(helpOfEveryCommandUnder(whole.getSubcommands().get(command)))
                .contains("Usage: localtrust " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "--version", "-V", "frobnicate", "--bogus", "--", "Scan"})
    void anythingElseGetsEveryBranch(String first) {
        assertThat(CommandTree.forArgs(env, first, "scan").getSubcommands().keySet())
                .containsExactly("inspect", "demo", "probe", "scan", "gateway", "device", "names");
        assertThat(CommandTree.forArgs(env).getSubcommands()).hasSize(7);
        assertThat(CommandTree.forArgs(env, "--debug").getSubcommands()).hasSize(7);
    }

    private static String helpOfEveryCommandUnder(CommandLine command) {
        StringBuilder help = new StringBuilder(command.getUsageMessage());
        command.getSubcommands().values().forEach(sub -> help.append(helpOfEveryCommandUnder(sub)));
        return help.toString();
    }
}
