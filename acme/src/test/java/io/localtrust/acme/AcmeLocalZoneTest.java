package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.localtrust.authority.Approvals;
import io.localtrust.localdns.Dig;
import io.localtrust.localdns.DnsServer;
import io.localtrust.localdns.LocalZone;
import io.localtrust.store.ApprovalState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Names that resolve locally, end to end: acme4j onboards a device, and {@code dig} asks the
 * gateway's zone for its name; a second device cannot take the name until the first's certificate
 * is revoked. Two devices on loopback: 127.0.0.1 and 127.0.0.2, each with its own http-01 responder.
 */
class AcmeLocalZoneTest {
    @TempDir
    Path tmp;
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    HttpServer device1;
    HttpServer device2;
    AcmeTestServer server;
    DnsServer dns;
    Dig dig;

    @BeforeAll
    static void clientProvider() {
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(io.localtrust.x509.BouncyCastle.provider());
        }
    }

    @BeforeEach
    void start() throws Exception {
        device1 = responder(new InetSocketAddress("127.0.0.1", 0));
        device2 = responder(new InetSocketAddress("127.0.0.2", device1.getAddress().getPort()));
        server = new AcmeTestServer(tmp.resolve("gw"), device1.getAddress().getPort(), AcmeSettings.defaults());
        dns = DnsServer.start(LocalZone.of("home.arpa"), server.gateway.store(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        dig = new Dig(dns.address());
    }

    private HttpServer responder(InetSocketAddress at) throws Exception {
        HttpServer s = HttpServer.create(at, 0);
        s.createContext("/.well-known/acme-challenge/", exchange -> {
            String answer = tokens.get(exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length()));
            byte[] body = (answer == null ? "" : answer).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        s.start();
        return s;
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
        device1.stop(0);
        device2.stop(0);
        server.close();
    }

    /** newOrder, http-01 for each identifier, finalize with a fresh device key. */
    private Order orderAndFinalize(Account account, KeyPair deviceKey, Identifier... ids) throws Exception {
        Order order = account.newOrder().identifiers(List.of(ids)).create();
        for (Authorization auth : order.getAuthorizations()) {
            Http01Challenge c = auth.findChallenge(Http01Challenge.class).orElseThrow();
            tokens.put(c.getToken(), c.getAuthorization());
            c.trigger();
            assertThat(auth.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        }
        order.waitUntilReady(Duration.ofSeconds(30));
        order.execute(deviceKey);
        order.fetch();
        return order;
    }

    private void approvePending() throws Exception {
        Approvals approvals = new Approvals(server.gateway.store(), server.gateway.config().names(), Clock.systemUTC());
        for (var d : server.gateway.store().devices()) {
            if (d.state() == ApprovalState.PENDING) {
                approvals.approve(d.devId(), "test-owner");
            }
        }
    }

    private Account account(Session session) throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair()).create(session);
    }

    @Test
    void anIssuedNameResolvesToItsDeviceAndMovesOnlyOnceTheCertificateIsRevoked() throws Exception {
        Session session = new Session(server.directory);
        assertThat(dig.run("printer.home.arpa", "A")).contains("status: NXDOMAIN");

        // device 1 orders only the name: it is bound to the address the order came from
        Order first = orderAndFinalize(account(session), KeyPairUtils.createKeyPair(), Identifier.dns("printer.home.arpa"));
        approvePending();
        assertThat(first.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        assertThat(dig.answers("printer.home.arpa", "A")).containsExactly("127.0.0.1");
        assertThat(dig.answers("printer.home.arpa", "A", "+tcp")).containsExactly("127.0.0.1");
        String holder = server.gateway.store().binding("printer.home.arpa").orElseThrow().devId();

        // device 2 (another account, another key, its own address) may order the name, not get it
        Account second = account(session);
        Order taken = orderAndFinalize(second, KeyPairUtils.createKeyPair(),
                Identifier.dns("printer.home.arpa"), Identifier.ip("127.0.0.2"));
        assertThat(taken.getStatus()).isEqualTo(Status.INVALID);
        assertThat(taken.getError().orElseThrow().getType().toString()).isEqualTo("urn:ietf:params:acme:error:rejectedIdentifier");
        assertThat(taken.getError().orElseThrow().getDetail()).contains(
                "printer.home.arpa belongs to device " + holder + "; revoke its certificate first");
        assertThat(dig.answers("printer.home.arpa", "A")).containsExactly("127.0.0.1");

        // once device 1's certificate is revoked, device 2 takes the name, at its ordered address
        first.getCertificate().revoke();
        Order retaken = orderAndFinalize(second, KeyPairUtils.createKeyPair(),
                Identifier.dns("printer.home.arpa"), Identifier.ip("127.0.0.2"));
        approvePending();
        assertThat(retaken.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        assertThat(dig.answers("printer.home.arpa", "A")).containsExactly("127.0.0.2");
        assertThat(server.gateway.store().binding("printer.home.arpa").orElseThrow().devId()).isNotEqualTo(holder);
    }
}
