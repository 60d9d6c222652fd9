package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.AuditEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code a pending device offered, over real HTTPS: on the approvals page beside its device,
 * in the live list (whose revision moves when the code arrives), in the admin API's pending
 * devices; {@code null} / "—" for a device that offered none; typing it still needs the session
 * and the CSRF token, approves that device once, and the code is then shown nowhere — not in the
 * page's result line, not in the audit log.
 */
class ConsolePairingCodeTest {
    private static final String PASSWORD = "the console password";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    RunningGateway g;
    ConsoleClient console;
    String speaker;
    String nas;

    @BeforeEach
    void start() throws Exception {
        g = new RunningGateway(tmp);
        ConsolePassword.set(g.dir, PASSWORD.toCharArray(), TestGateways.RANDOM);
        console = new ConsoleClient(g);
        speaker = pending("speaker");
        nas = pending("nas");
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
        g.close();
    }

    private String pending(String name) throws Exception {
        assertThatThrownBy(() -> g.gateway.authority().issue(new IssuanceRequest(TestGateways.csr(name), List.of(name + ".home.arpa"),
                "acme:7", false))).isInstanceOf(IssuanceRefused.class);
        return g.gateway.store().devices().stream().filter(d -> d.identities().contains(name + ".home.arpa")).findFirst()
                .orElseThrow().devId();
    }

    /** What the ACME front end does with the code in a device's CSR (PairingOffer). */
    private void offer(String devId, String code) throws Exception {
        new Approvals(g.gateway.store(), g.gateway.config().names(), TestGateways.CLOCK).offerPairingCode(devId, code);
    }

    private static String row(String html, String devId) {
        int start = html.indexOf("<tr data-dev-id=\"" + devId + "\">");
        assertThat(start).as("a row for " + devId).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void theCodeIsShownBesideItsDeviceOnThePageInTheLiveListAndInTheApi() throws Exception {
        String cookie = console.login(PASSWORD);
        HttpResponse<String> before = console.get("approvals/list", cookie);
        String revision = before.headers().firstValue("X-Revision").orElseThrow();
        assertThat(row(before.body(), speaker)).contains("—").doesNotContain("pairing-code");

        offer(speaker, "K7QM4XPA");
        HttpResponse<String> live = console.get("approvals/list?since=" + URLEncoder.encode(revision, StandardCharsets.UTF_8), cookie);
        assertThat(live.statusCode()).as("the live list redraws when the code arrives").isEqualTo(200);
        assertThat(row(live.body(), speaker)).contains("<code class=\"pairing-code\">K7QM-4XPA</code>");
        assertThat(row(live.body(), nas)).contains("<td class=\"no-code\">—</td>");
        String page = console.get("approvals", cookie).body();
        assertThat(row(page, speaker)).contains("K7QM-4XPA", "Approve speaker.home.arpa");

        JsonNode api = api("api/devices?state=pending");
        assertThat(api.get("devices")).anySatisfy(d -> {
            assertThat(d.get("devId").asText()).isEqualTo(speaker);
            assertThat(d.get("pairingCode").asText()).isEqualTo("K7QM-4XPA");
        }).anySatisfy(d -> {
            assertThat(d.get("devId").asText()).isEqualTo(nas);
            assertThat(d.get("pairingCode").isNull()).as("offered none").isTrue();
        });
        assertThat(api("api/devices").get("devices")).filteredOn(d -> d.get("state").asText().equals("approved"))
                .isNotEmpty().allSatisfy(d -> assertThat(d.has("pairingCode")).as("only pending devices carry one").isFalse());
    }

    @Test
    void typingTheShownCodeStillNeedsTheSessionAndTokenThenItIsShownNowhere() throws Exception {
        offer(speaker, "K7QM-4XPA");
        for (String page : List.of("approvals", "approvals/list", "devices")) {
            HttpResponse<String> anonymous = console.get(page, null);
            assertThat(anonymous.statusCode()).as("no session: no page").isEqualTo(303);
            assertThat(anonymous.body()).doesNotContain("K7QM");
        }
        String cookie = console.login(PASSWORD);
        String csrf = ConsoleClient.csrfOf(console.get("approvals", cookie).body());
        assertThat(console.post("approvals/code", null, "code=K7QM-4XPA", console.origin()).statusCode()).isEqualTo(401);
        assertThat(console.post("approvals/code", cookie, "code=K7QM-4XPA", console.origin()).statusCode()).isEqualTo(403);
        assertThat(g.gateway.store().device(speaker).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);

        HttpResponse<String> typed = console.post("approvals/code", cookie, "code=k7qm+4xpa&csrf=" + csrf, console.origin());
        assertThat(typed.statusCode()).isEqualTo(303);
        assertThat(g.gateway.store().device(speaker).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
        String after = console.get("approvals", cookie).body();
        assertThat(after).contains("Approved speaker.home.arpa", "by its pairing code").doesNotContain("K7QM", "4XPA");
        assertThat(api("api/devices").toString()).doesNotContain("K7QM");
        assertThat(g.gateway.store().events(1, 1000)).extracting(AuditEvent::detail)
                .anySatisfy(d -> assertThat(d).startsWith("pairing code;"))
                .allSatisfy(d -> assertThat(d).doesNotContain("K7QM", "4XPA"));
        assertThat(console.get("audit", cookie).body()).doesNotContain("K7QM", "4XPA");
    }

    private JsonNode api(String path) throws Exception {
        try (HttpClient tls = HttpClient.newBuilder().sslContext(TestGateways.trusting(g.gateway.root().der()))
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = tls.send(HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + path))
                    .header("Authorization", "Bearer " + g.ceremony.adminToken()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }
    }
}
