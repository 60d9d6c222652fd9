package io.localtrust.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.proof.ProofMaker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS API on loopback, driven as acme-dns clients drive it, with {@code dig} checking what
 * the zone answers after each call: the right status, and nothing changed by a refused call.
 */
class NamesApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TXT = "x".repeat(43);
    @TempDir
    Path dir;
    Running names;

    @BeforeEach
    void start() throws Exception {
        names = new Running(dir, new ApiLimits(1000, 6, 10), List.of());
    }

    @AfterEach
    void stop() {
        names.close();
    }

    JsonNode register(String body) throws Exception {
        HttpResponse<String> r = names.post("/register", body, Map.of("Content-Type", "application/json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> update(JsonNode account, String subdomain, String txt) throws Exception {
        return names.post("/update", JSON.writeValueAsString(Map.of("subdomain", subdomain, "txt", txt)),
                Map.of("X-Api-User", account.get("username").asText(), "X-Api-Key", account.get("password").asText()));
    }

    List<String> txtOf(JsonNode account) throws Exception {
        return names.dig.answers(account.get("fulldomain").asText(), "TXT");
    }

    @Test
    void registerAnswersAcmeDnsCredentialsAndUpdateSetsTheTxtTheZoneAnswers() throws Exception {
        assertThat(names.get("/health").statusCode()).isEqualTo(200);
        JsonNode a = register("");
        String sub = a.get("subdomain").asText();
        assertThat(UUID.fromString(sub).toString()).isEqualTo(sub);
        assertThat(a.get("fulldomain").asText()).isEqualTo(sub + ".devices.example.net");
        assertThat(a.get("password").asText()).hasSize(40);
        assertThat(a.get("allowfrom")).isEmpty();

        HttpResponse<String> r = update(a, sub, TXT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("txt").asText()).isEqualTo(TXT);
        assertThat(txtOf(a)).containsExactly("\"" + TXT + "\"");
        assertThat(names.dig.answers("_acme-challenge." + a.get("fulldomain").asText(), "TXT")).containsExactly("\"" + TXT + "\"");
    }

    @Test
    void forgedUpdatesAre401AndChangeNothing() throws Exception {
        JsonNode a = register("");
        JsonNode b = register("");
        String sub = a.get("subdomain").asText();
        assertThat(update(a, sub, TXT).statusCode()).isEqualTo(200);
        String other = "y".repeat(43);

        String wrongKey = "A".repeat(40);
        HttpResponse<String> r = names.post("/update", JSON.writeValueAsString(Map.of("subdomain", sub, "txt", other)),
                Map.of("X-Api-User", a.get("username").asText(), "X-Api-Key", wrongKey));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("forbidden");
        r = names.post("/update", JSON.writeValueAsString(Map.of("subdomain", sub, "txt", other)),
                Map.of("X-Api-User", UUID.randomUUID().toString(), "X-Api-Key", a.get("password").asText()));
        assertThat(r.statusCode()).isEqualTo(401);
        r = names.post("/update", JSON.writeValueAsString(Map.of("subdomain", sub, "txt", other)), Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        // b's credentials on a's subdomain
        assertThat(update(b, sub, other).statusCode()).isEqualTo(401);

        assertThat(txtOf(a)).containsExactly("\"" + TXT + "\"");
    }

    @Test
    void aTxtOfTheWrongLengthOrMalformedJsonIs400AndChangesNothing() throws Exception {
        JsonNode a = register("");
        String sub = a.get("subdomain").asText();
        assertThat(update(a, sub, TXT).statusCode()).isEqualTo(200);
        for (String bad : List.of("x".repeat(42), "x".repeat(44), "", "x".repeat(42) + "=", "x".repeat(42) + " ")) {
            HttpResponse<String> r = update(a, sub, bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("bad_txt");
        }
        HttpResponse<String> r = names.post("/update", "{not json", Map.of("X-Api-User", a.get("username").asText(),
                "X-Api-Key", a.get("password").asText()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(txtOf(a)).containsExactly("\"" + TXT + "\"");
        assertThat(names.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void allowfromIsHonouredAndABadRangeRefusesTheRegistration() throws Exception {
        JsonNode elsewhere = register("{\"allowfrom\": [\"10.0.0.0/8\"]}");
        assertThat(elsewhere.get("allowfrom").get(0).asText()).isEqualTo("10.0.0.0/8");
        assertThat(update(elsewhere, elsewhere.get("subdomain").asText(), TXT).statusCode()).isEqualTo(401);
        assertThat(txtOf(elsewhere)).isEmpty();

        JsonNode here = register("{\"allowfrom\": [\"127.0.0.0/8\", \"::1/128\"]}");
        assertThat(update(here, here.get("subdomain").asText(), TXT).statusCode()).isEqualTo(200);

        HttpResponse<String> r = names.post("/register", "{\"allowfrom\": [\"10.0.0.0/33\"]}", Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("invalid_allowfrom_cidr");
    }

    static KeyPair deviceKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static String jti() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aDeviceRegistersByProofOfItsKeyAndAReplayedProofIsRefused() throws Exception {
        KeyPair key = deviceKey();
        String proof = ProofMaker.sign(key, "devices.example.net", Instant.now(), jti(), List.of(), Optional.of("192.168.1.20"));
        HttpResponse<String> r = names.post("/device/register", proof, Map.of("Content-Type", "application/jose"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode dev = JSON.readTree(r.body());
        String devId = dev.get("devid").asText();
        assertThat(devId).isEqualTo(io.localtrust.x509.Digests.devId(key.getPublic().getEncoded())).isEqualTo(dev.get("subdomain").asText());
        assertThat(names.dig.answers(devId + ".devices.example.net", "A")).containsExactly("192.168.1.20");
        assertThat(names.dig.answers("c0a8010a." + devId + ".devices.example.net", "A")).containsExactly("192.168.1.10");

        HttpResponse<String> replay = names.post("/device/register", proof, Map.of());
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("bad_proof").contains("replay");

        // the same key again, a fresh proof: the same dev-id, a new API key; the old one stops working
        r = names.post("/device/register", ProofMaker.sign(key, "devices.example.net", Instant.now(), jti(), List.of(), Optional.empty()),
                Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode again = JSON.readTree(r.body());
        assertThat(again.get("devid").asText()).isEqualTo(devId);
        assertThat(update(dev, devId, TXT).statusCode()).isEqualTo(401);
        assertThat(update(again, devId, TXT).statusCode()).isEqualTo(200);
        assertThat(names.dig.answers("_acme-challenge." + devId + ".devices.example.net", "TXT")).containsExactly("\"" + TXT + "\"");
    }

    @Test
    void proofsForAnotherServiceTooOldOrMalformedAreRefused() throws Exception {
        KeyPair key = deviceKey();
        HttpResponse<String> r = names.post("/device/register",
                ProofMaker.sign(key, "devices.example.org", Instant.now(), jti(), List.of(), Optional.empty()), Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("audience");
        r = names.post("/device/register",
                ProofMaker.sign(key, "devices.example.net", Instant.now().minusSeconds(3600), jti(), List.of(), Optional.empty()), Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        r = names.post("/device/register", "not.a.jws", Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        // a proof whose signature does not match: another key's signature under this key's header
        String good = ProofMaker.sign(key, "devices.example.net", Instant.now(), jti(), List.of(), Optional.empty());
        String other = ProofMaker.sign(deviceKey(), "devices.example.net", Instant.now(), jti(), List.of(), Optional.empty());
        String[] g = good.split("\\.");
        String[] o = other.split("\\.");
        r = names.post("/device/register", g[0] + "." + g[1] + "." + o[2], Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("signature");
        // a public address that is not the caller's
        r = names.post("/device/register",
                ProofMaker.sign(key, "devices.example.net", Instant.now(), jti(), List.of(), Optional.of("8.8.8.8")), Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("bad_address");
    }

    @Test
    void aDeviceUpdatesItsAddressButNeverToSomeoneElsesPublicAddress() throws Exception {
        HttpResponse<String> r = names.post("/device/register",
                ProofMaker.sign(deviceKey(), "devices.example.net", Instant.now(), jti(), List.of(), Optional.empty()), Map.of());
        JsonNode dev = JSON.readTree(r.body());
        String name = dev.get("fulldomain").asText();
        assertThat(names.dig.run(name, "A")).contains("status: NOERROR").contains("ANSWER: 0,");
        Map<String, String> auth = Map.of("X-Api-User", dev.get("username").asText(), "X-Api-Key", dev.get("password").asText());

        assertThat(names.post("/device/address", "{\"address\": \"fd00::1:2\"}", auth).statusCode()).isEqualTo(200);
        assertThat(names.dig.answers(name, "AAAA")).containsExactly("fd00::1:2");
        r = names.post("/device/address", "{\"address\": \"1.1.1.1\"}", auth);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(names.post("/device/address", "{\"address\": \"not-an-address\"}", auth).statusCode()).isEqualTo(400);
        assertThat(names.post("/device/address", "{\"address\": \"10.1.2.3\"}", Map.of()).statusCode()).isEqualTo(401);
        assertThat(names.dig.answers(name, "AAAA")).containsExactly("fd00::1:2");
    }

    @Test
    void registrationsPerSourceAreLimitedWithRetryAfter() throws Exception {
        for (int i = 0; i < 6; i++) {
            register("");
        }
        HttpResponse<String> r = names.post("/register", "", Map.of());
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(names.get("/health").statusCode()).isEqualTo(200);
        assertThat(names.get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(names.get("/update").statusCode()).isEqualTo(405);
    }
}
