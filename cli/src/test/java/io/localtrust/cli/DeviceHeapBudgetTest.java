package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's budget "one device agent serves its page within {@code -Xmx32m}", the way a user runs it:
 * {@code device run} in a JVM of its own started with {@code -Xmx32m} (and nothing else), pre-authorised
 * with {@code gateway allow}, onboards through the {@linkplain SharedGateway shared} gateway's ACME,
 * then serves its admin page over HTTPS to {@code curl} trusting only the gateway root, again and again,
 * with the OCSP response stapled ({@code openssl s_client -status}); it is still alive afterwards, has
 * printed no {@code OutOfMemoryError}, and stops cleanly. (The heap figures themselves are
 * {@code benchmarks/load/agent-budgets.sh}'s, in BENCHMARKS.md.)
 */
@ExtendWith(SharedGateway.class)
class DeviceHeapBudgetTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String NAME = "budget.home.arpa";
    private static final String ADDRESS = "127.0.41.32";
    private static final int PAGES = 30;
    @TempDir
    Path tmp;

    @Test
    void oneAgentOnboardsAndServesItsStapledPageWithin32MbOfHeap(SharedGateway.Running gw) throws Exception {
        for (String what : List.of(NAME, ADDRESS)) {
            Cli.Result allow = Cli.runNow("gateway", "allow", "--dir", gw.dir().toString(), what, "--for", "1h");
            assertThat(allow.exit()).as(allow.err()).isZero();
        }
        int https = GatewayProcess.freePort();
        Path err = tmp.resolve("device.err");
        try (DeviceProcess d = new DeviceProcess(err, Map.of(), List.of("device", "run"), List.of("-Xmx32m"),
                "--gateway", gw.acmeDirectory(), "--name", NAME, "--bind", ADDRESS, "--http-port", Integer.toString(gw.devicePort()),
                "--https-port", Integer.toString(https), "--state", tmp.resolve("state").toString(), "--ca-bundle", gw.root().toString(),
                "--password-file", gw.adminPassword().toString(), "--poll", "200ms", "--first-retry", "500ms")) {
            d.await("issued: certificate ([0-9a-f]+) issued", WAIT);
            for (int i = 0; i < PAGES; i++) {
                assertThat(curl(gw, https)).as("page %d", i + 1).contains("<form", "password");
            }
            String s = DeviceRunTest.stapled(gw, NAME, ADDRESS, https);
            assertThat(s).contains("OCSP Response Status: successful", "Cert Status: good", "Verify return code: 0 (ok)");
            assertThat(d.process.isAlive()).isTrue();
            assertThat(Files.readString(err) + String.join("\n", d.out)).doesNotContain("OutOfMemoryError");
            assertThat(d.stop()).isZero();
        }
    }

    /** The admin page (its login form) over HTTPS, trusting only the gateway root; curl fails on any TLS error. */
    private static String curl(SharedGateway.Running gw, int port) throws Exception {
        Process p = new ProcessBuilder("curl", "-fsS", "--max-time", "20", "--cacert", gw.root().toString(), "--resolve",
                NAME + ":" + port + ":" + ADDRESS, "https://" + NAME + ":" + port + "/").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
