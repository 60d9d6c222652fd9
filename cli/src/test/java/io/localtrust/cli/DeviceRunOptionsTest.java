package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code device run}'s options refused before anything is made: one line, exit 2, nothing written. */
class DeviceRunOptionsTest {
    @TempDir
    Path tmp;

    private Cli.Result run(String... extra) {
        String[] base = {"device", "run", "--gateway", "https://127.0.0.1:1/", "--name", "printer.home.arpa", "--bind",
            "127.0.41.99", "--state", tmp.resolve("state").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Cli.run(all);
    }

    @Test
    void badIntervalsAndFirmwareVersionsAreOneLineEach() {
        assertRefused(run("--first-retry", "0s"), "--first-retry: must be more than 0");
        assertRefused(run("--first-retry", "soon"), "--first-retry: 'soon' is not a duration like 500ms, 3s, 10m or 1h");
        assertRefused(run("--poll", "1d"), "--poll: '1d' is not a duration");
        assertRefused(run("--firmware-version", " 1.0"), "--firmware-version: 1 to 64 printable ASCII characters");
        assertRefused(run("--firmware-version", "x".repeat(65)), "--firmware-version: 1 to 64 printable ASCII characters");
        assertRefused(run("--firmware-version", "v1\u00e9"), "--firmware-version: 1 to 64 printable ASCII characters");
        assertRefused(run(), "the device trusts no gateway root yet: give --ca-bundle root.pem, or --gateway-fingerprint");
        assertRefused(run("--ca-bundle", tmp.resolve("none.pem").toString()), "none.pem: no such file");
        assertRefused(run("--password-file", tmp.resolve("missing.txt").toString()), "missing.txt: no such password file");
        assertRefused(run("--gateway-fingerprint", "abc"), "--gateway-fingerprint: a SHA-256 fingerprint is 64 hex digits");
    }

    private void assertRefused(Cli.Result r, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception", "\tat ");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(tmp.resolve("state")).as("nothing written").doesNotExist();
    }
}
