package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * PostgreSQL database, behind one name: polls of one processing order racing on both issue it once.
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

    @Test
    void pollsOfOneOrderRacingOnTwoGatewaysIssueOneCertificate() throws Exception {
        JwsClient client = new JwsClient();
        AcmeResponse made = fronts.get(0).handle(JwsClient.post(BASE + "/new-account",
                client.sign(client.header(nonce(fronts.get(0)), BASE + "/new-account", false), "{\"termsOfServiceAgreed\":true}")));
        client.kid = made.header("Location");
        String accountId = client.kid.replaceAll(".*/", "");
        // an order finalized and waiting in processing (its validation is another test's business)
        KeyPair device = KeyKind.EC_P256.generate(AcmeTestServer.RANDOM);
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=printer.home.arpa"), device.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider()).build(device.getPrivate()))
                .getEncoded();
        Instant now = Instant.now();
        String orderId = Authorizations.randomId(AcmeTestServer.RANDOM);
        gateways.get(0).store().addObjects(List.of(new AcmeObject(ObjectKind.ORDER, orderId, accountId,
                Docs.write(new Docs.Order("processing", now.plusSeconds(3600).toString(),
                        List.of(new Docs.Identifier("dns", "printer.home.arpa")), List.of(), null, null, "127.0.0.1",
                        Base64.getUrlEncoder().withoutPadding().encodeToString(csr), null, null, null)),
                now, now.plusSeconds(3600), 1)));
        new Approvals(gateways.get(1).store(), gateways.get(1).config().names(), Clock.systemUTC())
                .allow("printer.home.arpa", Duration.ofMinutes(10), "test"); // the first poll to ask issues

        String url = BASE + "/order/" + orderId;
        int polls = 16;
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(polls);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            AcmeServer front = fronts.get(i % 2);
            done.add(pool.submit(() -> {
                byte[] body = client.sign(client.header(nonce(front), url, true), "");
                go.await();
                AcmeResponse r = front.handle(JwsClient.post(url, body));
                String status = r.status() == 200 ? Docs.JSON.readTree(r.body()).path("status").asText() : "HTTP " + r.status()
                        + " " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                answers.merge(status, 1, Integer::sum);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(answers.keySet()).as("every poll answered 200, processing or valid: " + answers)
                .isSubsetOf(List.of("processing", "valid")).contains("valid");
        assertThat(gateways.get(0).store().certificates()).as("one certificate for the one order").hasSize(1);
        AcmeResponse last = fronts.get(1).handle(JwsClient.post(url, client.sign(client.header(nonce(fronts.get(1)), url, true), "")));
        assertThat(Docs.JSON.readTree(last.body()).path("status").asText()).isEqualTo("valid");
    }
}
