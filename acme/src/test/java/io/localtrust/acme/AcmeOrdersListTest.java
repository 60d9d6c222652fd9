package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.AcmeStore.ObjectKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * An account's orders beyond one page (100) are listed through {@code Link: rel="next"} (RFC 8555
 * §7.1.2.1): acme4j follows the links and sees every order exactly once; a cursor the server did
 * not make is {@code malformed}.
 */
class AcmeOrdersListTest {
    static final String BASE = "https://gateway.home.arpa:8443/acme";
    @TempDir
    Path tmp;
    AcmeTestServer server;

    @BeforeAll
    static void clientProvider() {
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(io.localtrust.x509.BouncyCastle.provider());
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new AcmeTestServer(tmp.resolve("gw"), 9, AcmeSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** {@code count} orders stored at once, all made at the same millisecond (the cursor breaks ties by id). */
    private List<String> storeOrders(String accountId, int count) throws Exception {
        Instant made = Instant.now();
        List<AcmeObject> orders = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = Authorizations.randomId(AcmeTestServer.RANDOM);
            ids.add(id);
            orders.add(new AcmeObject(ObjectKind.ORDER, id, accountId, Docs.write(new Docs.Order("invalid", made.plusSeconds(3600)
                    .toString(), List.of(new Docs.Identifier("dns", "d" + i + ".home.arpa")), List.of(), null, null,
                    "127.0.0.1", null, null, null, null)), made, made.plusSeconds(3600), 1));
        }
        server.gateway.store().addObjects(orders);
        return ids;
    }

    @Test
    void acme4jFollowsNextLinksThroughMoreThanTwoPagesAndSeesEachOrderOnce() throws Exception {
        Session session = new Session(server.directory);
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair()).create(session);
        String accountId = account.getLocation().getPath().replaceAll(".*/", "");
        Order real = account.newOrder().domain("printer.home.arpa").create();
        List<String> stored = storeOrders(accountId, 230);

        Set<String> expected = new HashSet<>();
        stored.forEach(id -> expected.add(server.directory.replace("/directory", "/order/" + id)));
        expected.add(real.getLocation().toString());
        List<String> seen = new ArrayList<>();
        for (Iterator<Order> it = account.getOrders(); it.hasNext();) {
            seen.add(it.next().getLocation().toString());
        }
        assertThat(seen).hasSize(231).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(seen.get(0)).as("oldest first").isEqualTo(real.getLocation().toString());
    }

    @Test
    void onePageHasNoNextLinkAndACursorNotMadeHereIsMalformed() throws Exception {
        JwsClient client = new JwsClient();
        AcmeResponse made = server.acme.handle(JwsClient.post(BASE + "/new-account",
                client.sign(client.header(nonce(), BASE + "/new-account", false), "{\"termsOfServiceAgreed\":true}")));
        client.kid = made.header("Location");
        String accountId = client.kid.replaceAll(".*/", "");
        storeOrders(accountId, 100);

        AcmeResponse full = list(client, BASE + "/account/" + accountId + "/orders");
        assertThat(full.status()).isEqualTo(200);
        assertThat(json(full).path("orders")).hasSize(100);
        assertThat(full.headers().get("Link")).noneMatch(l -> l.contains("rel=\"next\""));

        storeOrders(accountId, 1);
        AcmeResponse first = list(client, BASE + "/account/" + accountId + "/orders");
        String next = first.headers().get("Link").stream().filter(l -> l.endsWith(";rel=\"next\"")).findFirst().orElseThrow();
        String nextUrl = next.substring(1, next.indexOf('>'));
        assertThat(nextUrl).startsWith(BASE + "/account/" + accountId + "/orders?cursor=");
        AcmeResponse second = list(client, nextUrl);
        assertThat(json(second).path("orders")).hasSize(1);

        for (String bad : new String[] {"?cursor=%%%", "?cursor=bm90LWEtY3Vyc29y", "?page=2"}) {
            AcmeResponse r = list(client, BASE + "/account/" + accountId + "/orders" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(json(r).path("type").asText()).isEqualTo(AcmeError.MALFORMED.type());
        }
    }

    private AcmeResponse list(JwsClient client, String url) throws Exception {
        return server.acme.handle(JwsClient.post(url, client.sign(client.header(nonce(), url, true), "")));
    }

    private String nonce() throws Exception {
        return server.acme.handle(JwsClient.get(BASE + "/new-nonce")).header("Replay-Nonce");
    }

    private static JsonNode json(AcmeResponse r) throws Exception {
        return Docs.JSON.readTree(r.body());
    }

}
