package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.Refusal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API over HTTPS, with the JDK's HttpClient trusting only root.pem and verifying the
 * host name (127.0.0.1 must be in the gateway's own certificate).
 */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    RunningGateway g;
    HttpClient tls;

    @BeforeEach
    void start() throws Exception {
        g = new RunningGateway(tmp);
        tls = HttpClient.newBuilder().sslContext(TestGateways.trusting(g.gateway.root().der()))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() throws Exception {
        g.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return tls.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void refusesWithoutOrWithAWrongTokenAsAProblem() throws Exception {
        for (String token : new String[] {null, "lt_wrong", ""}) {
            HttpResponse<String> r = call("GET", "api/devices", token, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(r.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            JsonNode p = JSON.readTree(r.body());
            assertThat(p.get("status").asInt()).isEqualTo(401);
            assertThat(p.get("type").asText()).isEqualTo("urn:localtrust:problem:unauthorized");
        }
        assertThat(call("POST", "api/revoke", null, "{\"serial\":\"" + g.leaf.serial().toString(16) + "\"}").statusCode())
                .isEqualTo(401);
        assertThat(g.opensslOcsp()).contains("leaf.pem: good");
        assertThat(call("GET", "api/no-such-thing", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void listsApprovesAndDeniesPendingDevices() throws Exception {
        String token = g.ceremony.adminToken();
        String pendingId = pending("camera.home.arpa");
        String otherId = pending("doorbell.home.arpa");

        JsonNode pending = ok(call("GET", "api/devices?state=pending", token, null));
        assertThat(pending.get("devices").findValuesAsText("devId")).containsExactlyInAnyOrder(pendingId, otherId);
        JsonNode all = ok(call("GET", "api/devices", token, null));
        assertThat(all.get("devices").size()).isEqualTo(4); // + the printer and the gateway itself

        JsonNode approved = ok(call("POST", "api/devices/" + pendingId + "/approve", token, null));
        assertThat(approved.get("state").asText()).isEqualTo("approved");
        JsonNode denied = ok(call("POST", "api/devices/" + otherId.substring(0, 8) + "/deny", token, null));
        assertThat(denied.get("state").asText()).isEqualTo("denied");
        assertThat(ok(call("GET", "api/devices?state=pending", token, null)).get("devices").size()).isZero();

        HttpResponse<String> unknown = call("POST", "api/devices/zzzzzzzz/approve", token, null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(call("GET", "api/devices?state=sleepy", token, null).statusCode()).isEqualTo(400);

        JsonNode audit = ok(call("GET", "api/audit", token, null));
        assertThat(audit.get("events").findValuesAsText("action")).contains("approve", "deny");
        assertThat(audit.get("events").findValuesAsText("actor")).contains(AdminApi.ACTOR);
        assertThat(ok(call("GET", "api/audit/verify", token, null)).get("intact").asBoolean()).isTrue();
    }

    @Test
    void allowPreAuthorisesAName() throws Exception {
        String token = g.ceremony.adminToken();
        JsonNode a = ok(call("POST", "api/allow", token, "{\"identity\":\"tv.home.arpa\",\"for\":\"10m\"}"));
        assertThat(a.get("identity").asText()).isEqualTo("tv.home.arpa");
        g.gateway.authority().issue(new IssuanceRequest(TestGateways.csr("tv"), List.of("tv.home.arpa"), "acme", false));
        HttpResponse<String> outside = call("POST", "api/allow", token, "{\"identity\":\"bank.example.com\",\"for\":\"10m\"}");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(outside.body()).get("type").asText()).isEqualTo("urn:localtrust:problem:" + Refusal.NAME_NOT_PERMITTED.id());
        assertThat(call("POST", "api/allow", token, "{\"identity\":\"tv.home.arpa\",\"for\":\"ever\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "api/allow", token, "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void revokeShowsInOcspAtOnceAndInTheCertificateList() throws Exception {
        String token = g.ceremony.adminToken();
        String serial = g.leaf.serial().toString(16);
        JsonNode r = ok(call("POST", "api/revoke", token, "{\"serial\":\"" + serial.toUpperCase() + "\",\"reason\":\"keyCompromise\"}"));
        assertThat(r.get("changed").asBoolean()).isTrue();
        assertThat(g.opensslOcsp()).contains("leaf.pem: revoked", "Reason: keyCompromise");

        JsonNode certs = ok(call("GET", "api/certificates", token, null));
        JsonNode mine = null;
        for (JsonNode c : certs.get("certificates")) {
            if (c.get("serial").asText().equals(serial)) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("status").asText()).isEqualTo("revoked");
        assertThat(mine.get("reason").asText()).isEqualTo("keyCompromise");

        HttpResponse<String> again = call("POST", "api/revoke", token, "{\"serial\":\"" + serial + "\"}");
        assertThat(JSON.readTree(again.body()).get("changed").asBoolean()).isFalse();
        HttpResponse<String> missing = call("POST", "api/revoke", token, "{\"serial\":\"abcdef\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(call("POST", "api/revoke", token, "{\"serial\":\"xyz\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "api/revoke", token, "{\"serial\":\"" + serial + "\",\"reason\":\"boredom\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void pairingKeysAreMadeOnceShownAndListedWithoutTheirKey() throws Exception {
        String token = g.ceremony.adminToken();
        HttpResponse<String> made = call("POST", "api/pairings", token, "{\"names\":[\"printer.home.arpa\"],\"for\":\"30m\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode p = JSON.readTree(made.body());
        String kid = p.get("kid").asText();
        assertThat(java.util.Base64.getUrlDecoder().decode(p.get("hmacKey").asText())).hasSize(32);
        assertThat(p.get("names").get(0).asText()).isEqualTo("printer.home.arpa");
        assertThat(g.gateway.pairings().macKey(kid).orElseThrow())
                .isEqualTo(java.util.Base64.getUrlDecoder().decode(p.get("hmacKey").asText()));

        JsonNode list = ok(call("GET", "api/pairings", token, null));
        assertThat(list.get("pairings")).singleElement().satisfies(e -> {
            assertThat(e.get("kid").asText()).isEqualTo(kid);
            assertThat(e.get("state").asText()).isEqualTo("open");
            assertThat(e.get("actor").asText()).isEqualTo(AdminApi.ACTOR);
            assertThat(e.has("hmacKey")).isFalse();
        });
        assertThat(list.toString()).doesNotContain(p.get("hmacKey").asText());

        HttpResponse<String> outside = call("POST", "api/pairings", token, "{\"names\":[\"bank.example.com\"]}");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(outside.body()).get("type").asText()).isEqualTo("urn:localtrust:problem:" + Refusal.NAME_NOT_PERMITTED.id());
        assertThat(call("POST", "api/pairings", token, "{\"names\":\"printer.home.arpa\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "api/pairings", token, "{\"for\":\"8d\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "api/pairings", null, "{}").statusCode()).isEqualTo(401);
        assertThat(ok(call("GET", "api/pairings", token, null)).get("pairings").size()).as("nothing made by a refusal").isEqualTo(1);
    }

    private String pending(String name) throws Exception {
        try {
            g.gateway.authority().issue(new IssuanceRequest(TestGateways.csr(name), List.of(name), "acme", false));
            throw new AssertionError("issued without approval");
        } catch (IssuanceRefused e) {
            assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL);
            var m = java.util.regex.Pattern.compile("gateway approve ([a-z2-7]{26})").matcher(e.getMessage());
            assertThat(m.find()).isTrue();
            return m.group(1);
        }
    }
}
