package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad input, request by request against the front end: each gets the right problem
 * type and status, a problem+json body and a fresh nonce, and changes nothing.
 */
class AcmeBadInputTest {
    static final String BASE = "https://gateway.home.arpa:8443/acme";
    @TempDir
    Path tmp;
    AcmeTestServer test;
    AcmeServer acme;
    JwsClient client;

    @BeforeEach
    void start() throws Exception {
        test = new AcmeTestServer(tmp.resolve("gw"), 9, AcmeSettings.defaults());
        acme = test.acme;
        client = new JwsClient();
    }

    @AfterEach
    void stop() throws Exception {
        test.close();
    }

    private String nonce() throws Exception {
        AcmeResponse r = acme.handle(new AcmeRequest("HEAD", BASE + "/new-nonce", h -> null, new byte[0],
                java.net.InetAddress.getByName("127.0.0.1")));
        assertThat(r.status()).isEqualTo(200);
        return r.header("Replay-Nonce");
    }

    private static JsonNode json(AcmeResponse r) throws Exception {
        return Docs.JSON.readTree(r.body());
    }

    private static void assertProblem(AcmeResponse r, AcmeError type, int status) throws Exception {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(json(r).path("type").asText()).isEqualTo(type.type());
        assertThat(json(r).path("detail").asText()).isNotBlank();
        assertThat(r.header("Replay-Nonce")).isNotBlank();
        assertThat(r.headers().get("Link")).contains("<" + BASE + "/directory>;rel=\"index\"");
    }

    private AcmeResponse newAccount() throws Exception {
        AcmeResponse r = acme.handle(JwsClient.post(BASE + "/new-account",
                client.sign(client.header(nonce(), BASE + "/new-account", false), "{\"termsOfServiceAgreed\":true}")));
        client.kid = r.header("Location");
        return r;
    }

    @Test
    void theDirectoryAndNoncesAreServed() throws Exception {
        AcmeResponse d = acme.handle(JwsClient.get(BASE + "/directory"));
        assertThat(d.status()).isEqualTo(200);
        assertThat(json(d).path("newOrder").asText()).isEqualTo(BASE + "/new-order");
        assertThat(json(d).path("renewalInfo").asText()).isEqualTo(BASE + "/renewal-info");
        assertThat(json(d).path("meta").path("externalAccountRequired").asBoolean(true)).isFalse();
        AcmeResponse n = acme.handle(JwsClient.get(BASE + "/new-nonce"));
        assertThat(n.status()).isEqualTo(204);
        assertThat(n.header("Replay-Nonce")).isNotEqualTo(nonce());
        assertThat(n.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void accountsAreMadeOnceAndFoundAgainByKey() throws Exception {
        AcmeResponse first = newAccount();
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).startsWith(BASE + "/account/");
        AcmeResponse again = acme.handle(JwsClient.post(BASE + "/new-account",
                client.sign(client.header(nonce(), BASE + "/new-account", false), "{}")));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void wrongContentTypeAndOversizedOrGarbledBodiesAreMalformed() throws Exception {
        byte[] ok = client.sign(client.header(nonce(), BASE + "/new-account", false), "{}");
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-account", ok, "application/json")), AcmeError.MALFORMED, 415);
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-account", new byte[70_000])), AcmeError.MALFORMED, 400);
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-account", "{not json".getBytes(StandardCharsets.UTF_8))),
                AcmeError.MALFORMED, 400);
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-account",
                "{\"signatures\":[],\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8))), AcmeError.MALFORMED, 400);
        assertThat(test.gateway.store().accountByThumbprint(io.localtrust.acme.jws.Jws.thumbprint(client.key))).isEmpty();
    }

    @Test
    void algNoneAndMacAlgorithmsAreRefused() throws Exception {
        for (String alg : new String[] {"none", "HS256"}) {
            ObjectNode h = client.header(nonce(), BASE + "/new-account", false);
            h.put("alg", alg);
            String body = "{\"protected\":\"" + b64(h.toString()) + "\",\"payload\":\"" + b64("{}") + "\",\"signature\":\"AAAA\"}";
            AcmeResponse r = acme.handle(JwsClient.post(BASE + "/new-account", body.getBytes(StandardCharsets.UTF_8)));
            assertProblem(r, AcmeError.BAD_SIGNATURE_ALGORITHM, 400);
            assertThat(json(r).path("algorithms").toString()).contains("ES256");
        }
    }

    @Test
    void aUrlOtherThanTheOneRequestedIsUnauthorized() throws Exception {
        byte[] body = client.sign(client.header(nonce(), BASE + "/new-order", false), "{}");
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-account", body)), AcmeError.UNAUTHORIZED, 403);
    }

    @Test
    void anUnknownKidIsAnAccountThatDoesNotExist() throws Exception {
        client.kid = BASE + "/account/nobody";
        byte[] body = client.sign(client.header(nonce(), BASE + "/new-order", true), "{\"identifiers\":[]}");
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-order", body)), AcmeError.ACCOUNT_DOES_NOT_EXIST, 400);
    }

    @Test
    void aReplayedOrUnknownNonceIsBadNonce() throws Exception {
        newAccount();
        String n = nonce();
        byte[] first = client.sign(client.header(n, client.kid, true), "");
        assertThat(acme.handle(JwsClient.post(client.kid, first)).status()).isEqualTo(200);
        assertProblem(acme.handle(JwsClient.post(client.kid, first)), AcmeError.BAD_NONCE, 400);
        byte[] made = client.sign(client.header("bm90LWEtbm9uY2U", client.kid, true), "");
        assertProblem(acme.handle(JwsClient.post(client.kid, made)), AcmeError.BAD_NONCE, 400);
    }

    @Test
    void aForgedSignatureFailsWithoutBurningTheNonce() throws Exception {
        newAccount();
        String n = nonce();
        ObjectNode h = client.header(n, client.kid, true);
        byte[] forged = JwsClient.sign(h, "", new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
        assertProblem(acme.handle(JwsClient.post(client.kid, forged)), AcmeError.MALFORMED, 400);
        assertThat(acme.handle(JwsClient.post(client.kid, client.sign(h, ""))).status()).as("the nonce is still good").isEqualTo(200);
    }

    @Test
    void finalizeBeforeValidationIsOrderNotReady() throws Exception {
        newAccount();
        AcmeResponse order = acme.handle(JwsClient.post(BASE + "/new-order", client.sign(client.header(nonce(), BASE + "/new-order", true),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"printer.home.arpa\"}]}")));
        assertThat(order.status()).isEqualTo(201);
        String finalizeUrl = json(order).path("finalize").asText();
        AcmeResponse r = acme.handle(JwsClient.post(finalizeUrl, client.sign(client.header(nonce(), finalizeUrl, true),
                "{\"csr\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {0x30, 0}) + "\"}")));
        assertProblem(r, AcmeError.ORDER_NOT_READY, 403);
        assertThat(test.gateway.store().devices()).isEmpty();
    }

    @Test
    void wildcardsUnsupportedTypesAndPublicAddressesAreRefusedAtNewOrder() throws Exception {
        newAccount();
        String[][] cases = {{"dns", "*.home.arpa", AcmeError.REJECTED_IDENTIFIER.name()},
                {"email", "a@home.arpa", AcmeError.UNSUPPORTED_IDENTIFIER.name()},
                {"ip", "203.0.113.9", AcmeError.REJECTED_IDENTIFIER.name()},
                {"dns", "bank.example", AcmeError.REJECTED_IDENTIFIER.name()}};
        for (String[] c : cases) {
            AcmeResponse r = acme.handle(JwsClient.post(BASE + "/new-order", client.sign(client.header(nonce(), BASE + "/new-order", true),
                    "{\"identifiers\":[{\"type\":\"" + c[0] + "\",\"value\":\"" + c[1] + "\"}]}")));
            assertProblem(r, AcmeError.valueOf(c[2]), 400);
        }
    }

    @Test
    void getOnAPostResourceAndUnknownPathsAreRefused() throws Exception {
        assertProblem(acme.handle(JwsClient.get(BASE + "/new-order")), AcmeError.MALFORMED, 405);
        assertProblem(acme.handle(JwsClient.get(BASE + "/nothing-here")), AcmeError.MALFORMED, 404);
    }

    @Test
    void aFloodFromOneAddressIsRateLimitedWithRetryAfter() throws Exception {
        AcmeServer limited = new AcmeServer(test.gateway, new AcmeSettings(java.time.Duration.ofDays(7), java.time.Duration.ofHours(1),
                1000, new AcmeSettings.RateLimit(5, java.time.Duration.ofMinutes(1)), new AcmeSettings.RateLimit(300,
                java.time.Duration.ofHours(1)), java.time.Duration.ofSeconds(3), null), java.util.List.of(),
                java.time.Clock.systemUTC(), new java.security.SecureRandom(), Runnable::run);
        for (int i = 0; i < 5; i++) {
            assertThat(limited.handle(JwsClient.get(BASE + "/directory")).status()).isEqualTo(200);
        }
        AcmeResponse r = limited.handle(JwsClient.get(BASE + "/new-nonce"));
        assertProblem(r, AcmeError.RATE_LIMITED, 429);
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
        AcmeResponse other = limited.handle(new AcmeRequest("GET", BASE + "/directory", h -> null, new byte[0],
                java.net.InetAddress.getByName("127.0.0.9")));
        assertThat(other.status()).as("another address has its own budget").isEqualTo(200);
    }

    @Test
    void aDeactivatedAccountsKeyAuthorizesNothingMore() throws Exception {
        newAccount();
        AcmeResponse off = acme.handle(JwsClient.post(client.kid, client.sign(client.header(nonce(), client.kid, true),
                "{\"status\":\"deactivated\"}")));
        assertThat(off.status()).isEqualTo(200);
        assertThat(json(off).path("status").asText()).isEqualTo("deactivated");
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-order", client.sign(client.header(nonce(), BASE + "/new-order", true),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"a.home.arpa\"}]}"))), AcmeError.UNAUTHORIZED, 403);
        assertProblem(acme.handle(JwsClient.post(BASE + "/new-account", client.sign(client.header(nonce(), BASE + "/new-account", false),
                "{}"))), AcmeError.UNAUTHORIZED, 403);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
