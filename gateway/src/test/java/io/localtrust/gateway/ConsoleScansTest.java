package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.ScanStore.ScanState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Scans page over real HTTPS against real peers on loopback: the gateway's own listener and an
 * {@code openssl s_server} with a self-signed certificate. Starting a scan is a state change like any
 * other (no session, no CSRF token, another origin: refused, nothing started); a bad target is named
 * and starts nothing; a scan runs in the background, one at a time, is audited, survives a restart
 * in the history, and its report is served under its own sandboxing policy; the devices page shows
 * what it found, merged with the devices the gateway knows.
 */
class ConsoleScansTest {
    private static final String PASSWORD = "the console password";
    private static final String ADDRESS = "127.1.9." + (1 + ProcessHandle.current().pid() % 200);
    @TempDir
    Path tmp;
    RunningGateway g;
    ConsoleClient console;
    SelfSignedServer camera;

    @BeforeEach
    void start() throws Exception {
        g = new RunningGateway(tmp);
        ConsolePassword.set(g.dir, PASSWORD.toCharArray(), TestGateways.RANDOM);
        console = new ConsoleClient(g);
        camera = new SelfSignedServer(tmp, ADDRESS, "camera.home.arpa");
    }

    @AfterEach
    void stop() throws Exception {
        camera.close();
        console.close();
        g.close();
    }

    private String form(String csrf, String targets) {
        return "targets=" + URLEncoder.encode(targets, StandardCharsets.UTF_8) + "&ports=&csrf=" + csrf;
    }

    @Test
    void startingAScanNeedsASessionItsTokenAndTheConsolesOriginElseNothingStarts() throws Exception {
        HttpResponse<String> none = console.post("scans/start", null, "targets=" + camera.target(), console.origin());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("Sign in first");
        assertThat(console.get("scans", null).statusCode()).isEqualTo(303);

        String cookie = console.login(PASSWORD);
        String csrf = ConsoleClient.csrfOf(console.get("scans", cookie).body());
        assertThat(console.post("scans/start", cookie, "targets=" + camera.target(), console.origin()).statusCode()).as("no token")
                .isEqualTo(403);
        HttpResponse<String> crossSite = console.post("scans/start", cookie, form(csrf, camera.target()), "https://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("Cross-site request refused");
        assertThat(g.gateway.store().scans(10)).as("nothing started").isEmpty();
        assertThat(g.gateway.store().events(1, 1000)).noneMatch(e -> e.action().equals("scan"));
    }

    @Test
    void aBadTargetIsNamedOnThePageAndStartsNothing() throws Exception {
        String cookie = console.login(PASSWORD);
        String csrf = ConsoleClient.csrfOf(console.get("scans", cookie).body());
        for (String[] bad : List.of(new String[] {"8.8.8.8", "8.8.8.8 is a public address"},
                new String[] {ADDRESS + " not_a_host!", "not_a_host!&#39; is not an address"},
                new String[] {"10.0.0.0/8", "holds more than 65536 addresses"})) {
            assertThat(console.post("scans/start", cookie, form(csrf, bad[0]), console.origin()).statusCode()).isEqualTo(303);
            String page = console.get("scans", cookie).body();
            assertThat(page).contains("Refused: Target", bad[1], "Nothing was started.");
        }
        console.post("scans/start", cookie, "targets=" + ADDRESS + "&ports=99999&csrf=" + csrf, console.origin());
        assertThat(console.get("scans", cookie).body()).contains("Refused: Ports: &#39;99999&#39; is not a port");
        assertThat(g.gateway.store().scans(10)).isEmpty();
        assertThat(g.gateway.store().events(1, 1000)).noneMatch(e -> e.action().equals("scan"));
    }

    @Test
    void aScanRunsInTheBackgroundIsAuditedAndItsReportAndFindingsAreShown() throws Exception {
        String cookie = console.login(PASSWORD);
        String page = console.get("scans", cookie).body();
        String self = "127.0.0.1:" + g.server.httpsPort();
        java.util.regex.Matcher targets = java.util.regex.Pattern.compile("id=\"targets\"[^>]* value=\"([^\"]*)\"").matcher(page);
        assertThat(targets.find()).isTrue();
        assertThat(targets.group(1).split(" ")).as("the gateway's listener and its known devices' addresses are the default targets")
                .contains(self, "127.0.0.1");
        assertThat(page).contains("value=\"80,443,8443\"", "No scan yet.");
        HttpResponse<String> started = console.post("scans/start", cookie, form(ConsoleClient.csrfOf(page), self + " " + camera.target()),
                console.origin());
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(started.headers().firstValue("Location")).hasValue("/console/scans");
        assertThat(console.get("scans", cookie).body()).contains("Scan started on " + self + " " + camera.target());

        ScanRecord done = awaitFinished();
        assertThat(done.state()).as(done.error().orElse("")).isEqualTo(ScanState.FINISHED);
        assertThat(done.devices()).isEqualTo(2);
        assertThat(done.summary()).containsEntry("U_LS", 1).containsEntry("U_SS", 1).containsEntry("NONE", 0);
        AuditEvent audit = g.gateway.store().events(1, 1000).stream().filter(e -> e.action().equals("scan")).findFirst().orElseThrow();
        assertThat(audit.actor()).isEqualTo("console");
        assertThat(audit.subject()).isEqualTo(done.id());
        assertThat(audit.detail()).isEqualTo(self + " " + camera.target() + "; from 127.0.0.1");

        String history = console.get("scans", cookie).body();
        assertThat(history).contains("data-scan-id=\"" + done.id() + "\" data-state=\"finished\"",
                "data-category=\"U_LS\">1</td>", "data-category=\"U_SS\">1</td>", "data-category=\"NU_SS\">0</td>", "No scan is running.");
        String scanPage = console.get("scans/" + done.id(), cookie).body();
        assertThat(scanPage).contains("<iframe id=\"report\" class=\"report\" src=\"/console/scans/" + done.id()
                + "/report\" sandbox=\"allow-scripts\"");
        HttpResponse<String> report = console.get("scans/" + done.id() + "/report", cookie);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("Certificate practices on your network", ADDRESS, "camera.home.arpa");
        assertThat(report.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "sandbox allow-scripts", "frame-ancestors 'self'", "form-action 'none'");
        assertThat(report.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(console.get("scans", cookie).headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the console's own policy stays strict").contains("frame-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(console.get("scans/" + done.id() + "/report.json", cookie).body()).contains("\"schema\" : \"localtrust.scan/1\"");
        assertThat(console.get("scans/" + done.id() + "/report", null).statusCode()).as("no session, no report").isEqualTo(303);
        assertThat(console.get("scans/ffff/report", cookie).statusCode()).isEqualTo(404);

        String devices = console.get("devices", cookie).body();
        assertThat(devices).contains("class=\"found-by-scan\" data-address=\"" + ADDRESS + "\" data-category=\"U_SS\"",
                "https://camera.home.arpa:" + camera.port + "/", "found by scan");
        assertThat(devices).as("the gateway itself, known, merged with what the scan saw of it")
                .contains("<span class=\"seen\" data-category=\"U_LS\">").doesNotContain("data-address=\"127.0.0.1\"");

        g.restart();
        try (ConsoleClient again = new ConsoleClient(g)) {
            assertThat(again.get("scans", again.login(PASSWORD)).body()).as("the history survives a restart")
                    .contains("data-scan-id=\"" + done.id() + "\" data-state=\"finished\"", "data-category=\"U_SS\">1</td>");
        }
    }

    @Test
    void oneScanRunsAtATime() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getByName(ADDRESS))) {
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accepts and never answers: the scan waits for its timeout
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            String cookie = console.login(PASSWORD);
            String csrf = ConsoleClient.csrfOf(console.get("scans", cookie).body());
            console.post("scans/start", cookie, form(csrf, ADDRESS + ":" + silent.getLocalPort()), console.origin());
            String running = console.get("scans", cookie).body();
            assertThat(running).contains("id=\"scan-running\"", "<noscript><meta http-equiv=\"refresh\"");
            HttpResponse<String> progress = console.get("scans/progress", cookie);
            assertThat(progress.headers().firstValue("X-Scan-State")).hasValue("running");

            console.post("scans/start", cookie, form(csrf, camera.target()), console.origin());
            assertThat(console.get("scans", cookie).body()).contains("Refused: A scan is running already", "Nothing was started.");
            assertThat(g.gateway.store().scans(10)).hasSize(1);
            ScanRecord done = awaitFinished();
            assertThat(done.summary()).containsAllEntriesOf(Map.of("U_SS", 0, "NONE", 0));
            assertThat(console.get("scans/progress", cookie).headers().firstValue("X-Scan-State")).hasValue("idle");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void stoppingTheGatewayStopsItsScanAndAScanLeftRunningIsMarkedFailedAtTheNextStart() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getByName(ADDRESS))) {
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            String cookie = console.login(PASSWORD);
            String csrf = ConsoleClient.csrfOf(console.get("scans", cookie).body());
            console.post("scans/start", cookie, form(csrf, ADDRESS + ":" + silent.getLocalPort()), console.origin());
            assertThat(g.gateway.store().scans(1).get(0).state()).isEqualTo(ScanState.RUNNING);
            g.restart();
            ScanRecord stopped = g.gateway.store().scans(1).get(0);
            assertThat(stopped.state()).isEqualTo(ScanState.FAILED);
            assertThat(stopped.error()).contains("stopped: the gateway was shut down during the scan");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        // A gateway killed mid-scan leaves its row running: the next start marks it failed.
        g.gateway.store().startScan("00ff00ff00ff00ff", List.of(ADDRESS), java.time.Instant.now(), "console", "");
        g.restart();
        assertThat(g.gateway.store().scan("00ff00ff00ff00ff").orElseThrow()).satisfies(s -> {
            assertThat(s.state()).isEqualTo(ScanState.FAILED);
            assertThat(s.error()).contains("the gateway stopped before this scan finished");
        });
        try (ConsoleClient again = new ConsoleClient(g)) {
            assertThat(again.get("scans", again.login(PASSWORD)).body()).contains("failed</span>: the gateway stopped before this scan");
        }
    }

    private ScanRecord awaitFinished() throws Exception {
        assertThat(RunningGateway.eventually(Duration.ofSeconds(60), () -> {
            List<ScanRecord> s = g.gateway.store().scans(1);
            return !s.isEmpty() && s.get(0).state() != ScanState.RUNNING;
        })).as("the scan ends").isTrue();
        return g.gateway.store().scans(1).get(0);
    }
}
