package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.AcmeStore.ObjectKind;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.KeyKind;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways (two {@link Gateway}s and ACME front ends, as two processes would run them) on one
 * PostgreSQL database, behind one name: polls of one processing order racing on both issue it once;
 * devices finalizing one free name at once on both get one certificate between them.
 */
class AcmeTwoGatewaysTest {
    static final String BASE = "https://gateway.home.arpa:8443/acme";
    @TempDir
    Path tmp;
    TestPostgres pg;
    final List<Gateway> gateways = new ArrayList<>();
    final List<AcmeServer> fronts = new ArrayList<>();
    final ExecutorService validations = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void start() throws Exception {
        pg = new TestPostgres();
        Path dir = tmp.resolve("gw");
        AcmeTestServer.ceremony(dir);
        for (int i = 0; i < 2; i++) {
            Gateway g = Gateway.open(dir, pg.url(), CompromisedKeys.none(), Clock.systemUTC(), AcmeTestServer.RANDOM);
            gateways.add(g);
            fronts.add(new AcmeServer(g, AcmeSettings.defaults(), List.of(), Clock.systemUTC(), AcmeTestServer.RANDOM, validations));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Gateway g : gateways) {
            g.close();
        }
        validations.close();
        pg.close();
    }

    private static String nonce(AcmeServer front) throws Exception {
        return front.handle(JwsClient.get(BASE + "/new-nonce")).header("Replay-Nonce");
    }

    /** A new account, made on the first gateway. */
    private JwsClient account() throws Exception {
        JwsClient client = new JwsClient();
        AcmeResponse made = fronts.get(0).handle(JwsClient.post(BASE + "/new-account",
                client.sign(client.header(nonce(fronts.get(0)), BASE + "/new-account", false), "{\"termsOfServiceAgreed\":true}")));
        client.kid = made.header("Location");
        return client;
    }

    /**
     * An order of {@code client}'s for {@code name}, finalized with a new device key from {@code address}
     * and waiting in processing (its validation is other tests' business); returns its URL.
     */
    private String processingOrder(JwsClient client, String name, String address) throws Exception {
        KeyPair device = KeyKind.EC_P256.generate(AcmeTestServer.RANDOM);
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), device.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider()).build(device.getPrivate()))
                .getEncoded();
        Instant now = Instant.now();
        String orderId = Authorizations.randomId(AcmeTestServer.RANDOM);
        gateways.get(0).store().addObjects(List.of(new AcmeObject(ObjectKind.ORDER, orderId, client.kid.replaceAll(".*/", ""),
                Docs.write(new Docs.Order("processing", now.plusSeconds(3600).toString(), List.of(new Docs.Identifier("dns", name)),
                        List.of(), null, null, address, Base64.getUrlEncoder().withoutPadding().encodeToString(csr), null, null, null)),
                now, now.plusSeconds(3600), 1)));
        return BASE + "/order/" + orderId;
    }

    /** Polls each (client, order URL) once, all at the same moment, alternating between the gateways; the answers' documents. */
    private List<JsonNode> pollAtOnce(List<JwsClient> clients, List<String> urls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(urls.size());
        List<Future<JsonNode>> done = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            AcmeServer front = fronts.get(i % 2);
            JwsClient client = clients.get(i);
            String url = urls.get(i);
            done.add(pool.submit(() -> {
                byte[] body = client.sign(client.header(nonce(front), url, true), "");
                go.await();
                AcmeResponse r = front.handle(JwsClient.post(url, body));
                assertThat(r.status()).as(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
                return Docs.JSON.readTree(r.body());
            }));
        }
        go.countDown();
        List<JsonNode> out = new ArrayList<>();
        for (Future<JsonNode> f : done) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return out;
    }

    private void allow(String name) throws Exception {
        new Approvals(gateways.get(1).store(), gateways.get(1).config().names(), Clock.systemUTC())
                .allow(name, Duration.ofMinutes(10), "test"); // the first poll to ask issues
    }

    @Test
    void pollsOfOneOrderRacingOnTwoGatewaysIssueOneCertificate() throws Exception {
        JwsClient client = account();
        String url = processingOrder(client, "printer.home.arpa", "127.0.0.1");
        allow("printer.home.arpa");

        List<JsonNode> answers = pollAtOnce(java.util.Collections.nCopies(16, client), java.util.Collections.nCopies(16, url));

        assertThat(answers).extracting(a -> a.path("status").asText()).as("every poll answered processing or valid")
                .containsOnly("processing", "valid").contains("valid");
        assertThat(gateways.get(0).store().certificates()).as("one certificate for the one order").hasSize(1);
        AcmeResponse last = fronts.get(1).handle(JwsClient.post(url, client.sign(client.header(nonce(fronts.get(1)), url, true), "")));
        assertThat(Docs.JSON.readTree(last.body()).path("status").asText()).isEqualTo("valid");
    }

    @Test
    void devicesFinalizingOneFreeNameOnTwoGatewaysGetOneCertificateTheOthersRejectedIdentifier() throws Exception {
        List<JwsClient> clients = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JwsClient c = account();
            clients.add(c);
            urls.add(processingOrder(c, "printer.home.arpa", "192.168.1." + (20 + i)));
        }
        allow("printer.home.arpa");

        List<JsonNode> answers = pollAtOnce(clients, urls);

        assertThat(answers).filteredOn(a -> a.path("status").asText().equals("valid")).hasSize(1);
        assertThat(answers).filteredOn(a -> a.path("status").asText().equals("invalid")).hasSize(7)
                .allSatisfy(a -> assertThat(a.path("error").path("type").asText()).isEqualTo(AcmeError.REJECTED_IDENTIFIER.type()));
        assertThat(gateways.get(0).store().certificates()).hasSize(1);
        String winner = gateways.get(0).store().certificates().get(0).devId();
        assertThat(gateways.get(1).store().binding("printer.home.arpa").orElseThrow().devId()).isEqualTo(winner);
    }
}
