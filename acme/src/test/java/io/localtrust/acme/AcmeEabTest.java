package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import io.localtrust.acme.jws.Jws;
import io.localtrust.authority.Pairings;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.PairingStore.PairingGrant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * A pairing key as External Account Binding (RFC 8555 §7.3.4): acme4j creates its account with the
 * kid and HMAC key {@code gateway pair} printed, and its order for the paired name is issued at
 * finalize — no approval waited for. Every wrong binding gets its problem and changes nothing.
 */
class AcmeEabTest {
    static final String BASE = "https://gateway.home.arpa:8443/acme";
    @TempDir
    static Path tmp;
    static Http01Responder challenges;
    static AcmeTestServer server;

    @BeforeAll
    static void start() throws Exception {
        challenges = Http01Responder.start();
        server = new AcmeTestServer(tmp.resolve("gw"), challenges.port(), AcmeSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        challenges.close();
        server.close();
    }

    private static Pairings.NewPairing pair(String... names) throws Exception {
        return server.gateway.pairings().create(List.of(names), Duration.ofMinutes(10), "test-owner");
    }

    @Test
    void acme4jWithAPairingKeyIsIssuedWithoutWaitingForApproval() throws Exception {
        Pairings.NewPairing p = pair("printer.home.arpa");
        Session session = new Session(server.directory);
        Account account = new AccountBuilder().agreeToTermsOfService().withKeyIdentifier(p.kid(), p.hmacKey())
                .useKeyPair(KeyPairUtils.createKeyPair()).create(session);
        String holder = "acme:" + account.getLocation().getPath().replaceAll(".*/", "");
        assertThat(server.gateway.store().pairingGrant(p.kid()).orElseThrow().holder()).contains(holder);

        Order order = account.newOrder().domain("printer.home.arpa").create();
        for (Authorization auth : order.getAuthorizations()) {
            Http01Challenge c = auth.findChallenge(Http01Challenge.class).orElseThrow();
            challenges.answer(c.getToken(), c.getAuthorization());
            c.trigger();
            assertThat(auth.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        }
        order.waitUntilReady(Duration.ofSeconds(30));
        KeyPair device = KeyPairUtils.createKeyPair();
        order.execute(device);
        order.fetch();
        assertThat(order.getStatus()).as("issued at finalize: the pairing approved the device").isEqualTo(Status.VALID);
        assertThat(order.getCertificate().getCertificate().getPublicKey()).isEqualTo(device.getPublic());

        List<AuditEvent> log = server.gateway.store().events(1, 1000);
        assertThat(log).filteredOn(e -> e.action().equals("pair-redeem") && e.subject().equals(p.kid())).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(holder));
        assertThat(log).filteredOn(e -> e.action().equals("approve") && e.detail().contains(p.kid())).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(holder));
        assertThat(server.gateway.store().verify()).isEmpty();
    }

    // --- wrong bindings, by hand: each gets its problem, no account, the grant untouched

    private static String nonce() throws Exception {
        return server.acme.handle(JwsClient.get(BASE + "/new-nonce")).header("Replay-Nonce");
    }

    /** A binding by {@code kid} with {@code hmacKey} over {@code boundKey}, for {@code url}; {@code edit} changes the header. */
    private static JsonNode eab(String kid, byte[] hmacKey, ECKey boundKey, String url, Consumer<JWSHeader.Builder> edit)
            throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).customParam("url", url);
        edit.accept(h);
        JWSObject jws = new JWSObject(h.build(), new Payload(boundKey.toPublicJWK().toJSONString()));
        jws.sign(new MACSigner(hmacKey));
        ObjectNode o = Docs.JSON.createObjectNode();
        o.put("protected", jws.getHeader().toBase64URL().toString());
        o.put("payload", jws.getPayload().toBase64URL().toString());
        o.put("signature", jws.getSignature().toString());
        return o;
    }

    private static AcmeResponse newAccount(JwsClient client, JsonNode binding) throws Exception {
        ObjectNode payload = Docs.JSON.createObjectNode().put("termsOfServiceAgreed", true);
        payload.set("externalAccountBinding", binding);
        return server.acme.handle(JwsClient.post(BASE + "/new-account",
                client.sign(client.header(nonce(), BASE + "/new-account", false), payload.toString())));
    }

    private static void assertRefused(JwsClient client, JsonNode binding, AcmeError type, String detail) throws Exception {
        AcmeResponse r = newAccount(client, binding);
        JsonNode body = Docs.JSON.readTree(r.body());
        assertThat(body.path("type").asText()).as(body.toString()).isEqualTo(type.type());
        assertThat(r.status()).isEqualTo(type.status());
        assertThat(body.path("detail").asText()).contains(detail);
        assertThat(server.gateway.store().accountByThumbprint(Jws.thumbprint(client.key))).as("no account").isEmpty();
    }

    @Test
    void wrongMacUnknownKidExpiredReusedOtherKeyOrUrlAreRefusedAndChangeNothing() throws Exception {
        Pairings.NewPairing p = pair("printer.home.arpa");
        byte[] key = Base64.getUrlDecoder().decode(p.hmacKey());
        JwsClient client = new JwsClient();
        String url = BASE + "/new-account";
        byte[] wrong = key.clone();
        wrong[0] ^= 1;

        assertRefused(client, eab(p.kid(), wrong, client.key, url, h -> { }), AcmeError.UNAUTHORIZED, "does not verify");
        assertRefused(client, eab("made-up-kid", key, client.key, url, h -> { }), AcmeError.UNAUTHORIZED, "does not verify");
        String unknown = "never-paired";
        assertRefused(client, eab(unknown, server.gateway.pairings().macKey(unknown).orElseThrow(), client.key, url, h -> { }),
                AcmeError.UNAUTHORIZED, "no pairing key 'never-paired'");
        assertRefused(client, eab(p.kid(), key, new JwsClient().key, url, h -> { }), AcmeError.MALFORMED, "not the key of the account");
        assertRefused(client, eab(p.kid(), key, client.key, BASE + "/new-order", h -> { }), AcmeError.UNAUTHORIZED, "'url'");
        assertRefused(client, eab(p.kid(), key, client.key, url, h -> h.customParam("nonce", "abc")), AcmeError.MALFORMED, "no 'nonce'");
        JsonNode hs512 = Docs.JSON.createObjectNode().put("protected", Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"HS512\",\"kid\":\"" + p.kid() + "\",\"url\":\"" + url + "\"}").getBytes(StandardCharsets.UTF_8)))
                .put("payload", "e30").put("signature", "AAAA");
        assertRefused(client, hs512, AcmeError.MALFORMED, "HS256");
        assertRefused(client, Docs.JSON.getNodeFactory().textNode("kid:key"), AcmeError.MALFORMED, "flattened JWS");
        assertThat(server.gateway.store().pairingGrant(p.kid()).orElseThrow().holder()).as("still unused").isEmpty();

        Instant now = Instant.now();
        server.gateway.store().addPairingGrant(new PairingGrant("ended-kid", List.of(), now.minusSeconds(600), now.minusSeconds(1),
                "test", Optional.empty(), Optional.empty()));
        assertRefused(client, eab("ended-kid", server.gateway.pairings().macKey("ended-kid").orElseThrow(), client.key, url,
                h -> { }), AcmeError.UNAUTHORIZED, "expired");

        AcmeResponse first = newAccount(client, eab(p.kid(), key, client.key, url, h -> { }));
        assertThat(first.status()).isEqualTo(201);
        AcmeResponse retried = newAccount(client, eab(p.kid(), key, client.key, url, h -> { }));
        assertThat(retried.status()).as("the same account retrying: its own binding").isEqualTo(200);
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
        JwsClient second = new JwsClient();
        assertRefused(second, eab(p.kid(), key, second.key, url, h -> { }), AcmeError.UNAUTHORIZED, "used already");
        assertThat(server.gateway.store().pairingGrant(p.kid()).orElseThrow().holder())
                .contains("acme:" + first.header("Location").replaceAll(".*/", ""));
    }

    @Test
    void anAccountMadeBeforePairingIsBoundWhenItPresentsAKey() throws Exception {
        JwsClient client = new JwsClient();
        AcmeResponse made = server.acme.handle(JwsClient.post(BASE + "/new-account",
                client.sign(client.header(nonce(), BASE + "/new-account", false), "{\"termsOfServiceAgreed\":true}")));
        assertThat(made.status()).isEqualTo(201);
        Pairings.NewPairing p = pair();

        AcmeResponse again = newAccount(client, eab(p.kid(), Base64.getUrlDecoder().decode(p.hmacKey()), client.key,
                BASE + "/new-account", h -> { }));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Location")).isEqualTo(made.header("Location"));
        assertThat(server.gateway.store().pairingGrant(p.kid()).orElseThrow().holder())
                .contains("acme:" + made.header("Location").replaceAll(".*/", ""));
    }
}
