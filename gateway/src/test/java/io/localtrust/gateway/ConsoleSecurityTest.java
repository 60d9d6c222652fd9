package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.store.ApprovalState;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's boundary, over real HTTPS with the JDK's client trusting only the gateway root:
 * no session — no page and no change; a session without the CSRF token, with a wrong one, or from
 * another origin — refused and nothing changed; the headers every answer carries; the session
 * cookie's flags; the login rate limit; a password reset ending sessions; plain HTTP refusing
 * everything but the trust page.
 */
class ConsoleSecurityTest {
    private static final String PASSWORD = "the console password";
    @TempDir
    Path tmp;
    RunningGateway g;
    HttpClient tls;
    String devId;

    @BeforeEach
    void start() throws Exception {
        g = new RunningGateway(tmp);
        ConsolePassword.set(g.dir, PASSWORD.toCharArray(), TestGateways.RANDOM);
        tls = HttpClient.newBuilder().sslContext(TestGateways.trusting(g.gateway.root().der())).connectTimeout(Duration.ofSeconds(5))
                .build();
        assertThatThrownBy(() -> g.gateway.authority().issue(new IssuanceRequest(TestGateways.csr("tv"), List.of("tv.home.arpa"),
                "acme:7", false))).isInstanceOf(IssuanceRefused.class);
        devId = g.gateway.store().devices().stream().filter(d -> d.state() == ApprovalState.PENDING).findFirst().orElseThrow().devId();
    }

    @AfterEach
    void stop() throws Exception {
        tls.close();
        g.close();
    }

    @Test
    void withoutASessionNothingIsShownOrChanged() throws Exception {
        for (String page : List.of("approvals", "approvals/list", "devices", "audit")) {
            HttpResponse<String> r = get(page, null);
            assertThat(r.statusCode()).as(page).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/console/login");
            assertThat(r.body()).doesNotContain(devId);
        }
        HttpResponse<String> r = post("approvals/approve", null, "devId=" + devId, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Sign in first", "nothing was changed");
        assertPending();
        HttpResponse<String> forged = post("approvals/approve", "__Host-localtrust-console=forged", "devId=" + devId, null);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertPending();
    }

    @Test
    void crossSiteRequestsAreRefusedAndChangeNothing() throws Exception {
        String cookie = login();
        String csrf = csrfOf(get("approvals", cookie).body());
        assertThat(post("approvals/approve", cookie, "devId=" + devId, null).statusCode()).isEqualTo(403);
        assertThat(post("approvals/approve", cookie, "devId=" + devId + "&csrf=" + csrf.substring(1) + "A", null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> otherOrigin = post("approvals/approve", cookie, "devId=" + devId + "&csrf=" + csrf, "https://evil.example");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).contains("Cross-site request refused", "Nothing was changed");
        assertPending();

        HttpResponse<String> ok = post("approvals/approve", cookie, "devId=" + devId + "&csrf=" + csrf, origin());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
        assertThat(g.gateway.store().device(devId).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(g.gateway.store().events(1, 1000)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("console");
            assertThat(e.subject()).isEqualTo(devId);
        });
        assertThat(get("approvals", cookie).body()).contains("Approved tv.home.arpa");
    }

    @Test
    void theLiveListAnswersOnlyWhenSomethingChanged() throws Exception {
        String cookie = login();
        HttpResponse<String> first = get("approvals/list", cookie);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(devId, "Approve tv.home.arpa");
        String revision = first.headers().firstValue("X-Revision").orElseThrow();
        assertThat(get("approvals/list?since=" + URLEncoder.encode(revision, StandardCharsets.UTF_8), cookie).statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> g.gateway.authority().issue(new IssuanceRequest(TestGateways.csr("radio"), List.of("radio.home.arpa"),
                "acme:8", false))).isInstanceOf(IssuanceRefused.class);
        HttpResponse<String> after = get("approvals/list?since=" + URLEncoder.encode(revision, StandardCharsets.UTF_8), cookie);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("radio.home.arpa", devId);
    }

    @Test
    void badInputIsNamedAndChangesNothing() throws Exception {
        String cookie = login();
        String csrf = csrfOf(get("approvals", cookie).body());
        post("approvals/allow", cookie, "identities=bank.example&window=10m&csrf=" + csrf, origin());
        assertThat(get("approvals", cookie).body()).contains("Refused (name-not-permitted)", "Nothing was changed",
                "Nothing is pre-authorised now.");
        post("approvals/allow", cookie, "identities=tv.home.arpa&window=99y&csrf=" + csrf, origin());
        assertThat(get("approvals", cookie).body()).contains("is not a duration", "Nothing is pre-authorised now.");
        post("approvals/code", cookie, "code=nope&csrf=" + csrf, origin());
        assertThat(get("approvals", cookie).body()).contains("pairing code is 8-32");
        post("devices/revoke", cookie, "serial=zz&csrf=" + csrf, origin());
        assertThat(get("devices", cookie).body()).contains("Refused");
        assertPending();
    }

    @Test
    void everyAnswerCarriesAStrictPolicyAndTheCookieIsHostOnlySecureHttpOnlyStrict() throws Exception {
        HttpResponse<String> login = post("login", null, "password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), origin());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("__Host-localtrust-console=").contains("; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict")
                .doesNotContainIgnoringCase("domain=");
        for (String page : List.of("login", "trust", "approvals")) {
            HttpResponse<String> r = get(page, setCookie.split(";")[0]);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                    "form-action 'self'").doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(r.body()).doesNotContain("<script>", "style=\"", "src=\"http", "rel=\"stylesheet\" href=\"http"); // nothing inline, nothing third-party
        }
    }

    @Test
    void loginIsRateLimitedAndAPasswordResetEndsSessions() throws Exception {
        String cookie = login();
        for (int i = 0; i < 5; i++) {
            assertThat(post("login", null, "password=wrong+password", origin()).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = post("login", null, "password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), origin());
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(get("approvals", cookie).statusCode()).isEqualTo(200);   // the session signed in before still works

        ConsolePassword.set(g.dir, "a brand new password".toCharArray(), TestGateways.RANDOM);
        assertThat(get("approvals", cookie).statusCode()).isEqualTo(303);  // reset: every session ended
        assertThat(Files.readString(ConsolePassword.file(g.dir))).startsWith("$argon2id$").doesNotContain("brand new");
        assertThatThrownBy(() -> ConsolePassword.set(g.dir, "short".toCharArray(), TestGateways.RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10");
    }

    @Test
    void withoutAPasswordNobodySignsIn() throws Exception {
        Files.delete(ConsolePassword.file(g.dir));
        HttpResponse<String> r = post("login", null, "password=anything+at+all", origin());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("No console password is set");
    }

    @Test
    void plainHttpServesOnlyTheTrustPage() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> trust = plain.send(HttpRequest.newBuilder(URI.create(g.server.httpUrl() + "console/trust")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trust.statusCode()).isEqualTo(200);
        assertThat(trust.body()).contains("id=\"fingerprint\"", "/ca/root.der");
        HttpResponse<String> approvals = plain.send(HttpRequest.newBuilder(URI.create(g.server.httpUrl() + "console/approvals")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approvals.statusCode()).isEqualTo(303);
        assertThat(approvals.headers().firstValue("Location").orElseThrow()).startsWith("https://");
        HttpResponse<String> login = plain.send(HttpRequest.newBuilder(URI.create(g.server.httpUrl() + "console/login"))
                .POST(HttpRequest.BodyPublishers.ofString("password=" + PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private void assertPending() throws Exception {
        assertThat(g.gateway.store().device(devId).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    private String origin() {
        String u = g.server.httpsUrl().toString();
        return u.substring(0, u.length() - 1);
    }

    private String login() throws Exception {
        HttpResponse<String> r = post("login", null, "password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), origin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + "console/" + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return tls.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + "console/" + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return tls.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
