package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command's own surface: help, version, and what a mistyped option gets back. */
class HelpAndOptionsTest {

    @Test
    void rootHelpListsBothCommandsAndExitsZero() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: localtrust").contains("Commands:")
                .containsPattern("(?m)^\\s+inspect\\s+\\S").containsPattern("(?m)^\\s+demo\\s+\\S")
                .contains("Exit codes:");
    }

    @Test
    void rootWithoutCommandPrintsUsage() {
        Cli.Result r = Cli.run();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: localtrust").contains("inspect").contains("demo");
    }

    @Test
    void commandSummariesInRootHelpAreWholeSentences() {
        // picocli shows only the first description line in the command list: it must not stop mid-sentence
        Cli.Result r = Cli.run("--help");
        String commands = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Exit codes:"));
        assertThat(commands.strip().lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList())
                .allSatisfy(l -> assertThat(l).doesNotEndWith(","));
        assertThat(commands.replaceAll("\\s+", " "))
                .contains("inspect Classify certificate files by the seed's certificate practices.")
                .contains("demo Classify a generated sample network with a device of every practice.");
    }

    @Test
    void everyGatewayCommandSummaryIsACompleteSentence() {
        Cli.Result r = Cli.run("gateway", "--help");
        assertThat(r.exit()).isZero();
        String commands = r.out().substring(r.out().indexOf("Commands:") + "Commands:".length(), r.out().indexOf("Exit codes:"));
        // one entry per command: the name, then its summary (possibly wrapped onto indented lines)
        String[] entries = commands.strip().split("\\n(?=  \\S)");
        assertThat(entries).hasSize(13);
        for (String entry : entries) {
            String summary = entry.replaceAll("\\s+", " ").strip();
            assertThat(summary).as(summary).endsWith(".");
        }
        assertThat(r.out().replaceAll("\\s+", " ")).contains("deny Deny a pending device by its dev-id; the denial is remembered.");
    }

    @Test
    void inspectHelpShowsEveryOptionAndExitsZero() {
        Cli.Result r = Cli.run("inspect", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: localtrust inspect").contains("FILE...")
                .contains("--json", "--ocsp-response=FILE", "--at=INSTANT", "--public-roots=FILE",
                        "--local-anchor=FILE", "--vendor-anchor=FILE", "--compromised-keys=FILE",
                        "--no-nmap-fingerprints", "--verbose", "--debug")
                .contains("Exit codes: 0 inspected, 1 internal error, 2 bad input or options.");
    }

    @Test
    void inspectHelpExamplesAreNotBrokenAcrossLines() {
        Cli.Result r = Cli.run("inspect", "--help");
        assertThat(r.out()).contains("  localtrust inspect printer.pem\n")
                .containsPattern("(?m)^  localtrust inspect --json --local-anchor \\S+ \\S+\\.pem \\S+\\.pem$");
    }

    @Test
    void demoHelpShowsItsOptionsAndExitsZero() {
        Cli.Result r = Cli.run("demo", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: localtrust demo").contains("--json", "--no-jdk-roots", "--verbose", "--debug")
                .contains("Exit codes:");
    }

    @Test
    void helpAfterAnOptionStillWins() {
        Cli.Result r = Cli.run("inspect", "--json", "-h");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: localtrust inspect");
    }

    @Test
    void versionNamesTheProgramAndJava() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .startsWith("localtrust ").contains("(Java " + Runtime.version().feature());
    }

    @Test
    void unknownOptionExitsTwoWithOneLineAndAHint() {
        Cli.Result r = Cli.run("--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("localtrust: Unknown option: '--bogus'", "Try 'localtrust --help'.");
    }

    @Test
    void unknownInspectOptionPointsAtInspectHelp() {
        Cli.Result r = Cli.run("inspect", "--bogus", "x.pem");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("localtrust: ").contains("'--bogus'");
        assertThat(r.errLines().get(1)).isEqualTo("Try 'localtrust inspect --help'.");
    }

    @Test
    void unknownCommandExitsTwoWithAHint() {
        Cli.Result r = Cli.run("frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).contains("'frobnicate'");
        assertThat(r.errLines().get(1)).isEqualTo("Try 'localtrust --help'.");
    }

    @Test
    void inspectWithoutFilesExitsTwo() {
        Cli.Result r = Cli.run("inspect");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("localtrust: Missing required parameter: 'FILE'",
                "Try 'localtrust inspect --help'.");
    }
}
