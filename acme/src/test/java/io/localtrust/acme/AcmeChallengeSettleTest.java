package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
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
 * A challenge response waits up to {@link Authorizations#SETTLE} for its validation (acme4j as the
 * client, a real http-01 responder on loopback): a device that answers at once gets the outcome —
 * valid, or invalid with its problem — in the response itself; a slower one gets {@code processing},
 * and the outcome is found by polling, as before.
 */
class AcmeChallengeSettleTest {
    @TempDir
    Path tmp;
    HttpServer challenges;
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final Map<String, Long> delaysMs = new ConcurrentHashMap<>();
    AcmeTestServer server;

    @BeforeAll
    static void clientProvider() {
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(io.localtrust.x509.BouncyCastle.provider());
        }
    }

    @BeforeEach
    void start() throws Exception {
        challenges = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        challenges.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        challenges.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
            try {
                Thread.sleep(delaysMs.getOrDefault(token, 0L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String answer = tokens.get(token);
            byte[] body = (answer == null ? "" : answer).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        challenges.start();
        server = new AcmeTestServer(tmp.resolve("gw"), challenges.getAddress().getPort(), AcmeSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        challenges.stop(0);
        server.close();
    }

    private Http01Challenge challengeFor(String address) throws Exception {
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(new Session(server.directory));
        Order order = account.newOrder().identifier(Identifier.ip(address)).create();
        Authorization auth = order.getAuthorizations().getFirst();
        return auth.findChallenge(Http01Challenge.class).orElseThrow();
    }

    @Test
    void aDeviceThatAnswersAtOnceIsValidInTheResponse() throws Exception {
        Http01Challenge c = challengeFor("127.0.0.1");
        tokens.put(c.getToken(), c.getAuthorization());

        c.trigger(); // acme4j reads the challenge from the response, without polling

        assertThat(c.getStatus()).isEqualTo(Status.VALID);
        assertThat(c.getValidated()).isPresent();
    }

    @Test
    void aWrongAnswerIsInvalidInTheResponseWithItsProblem() throws Exception {
        Http01Challenge c = challengeFor("127.0.0.1");
        tokens.put(c.getToken(), "not-the-key-authorization");

        c.trigger();

        assertThat(c.getStatus()).isEqualTo(Status.INVALID);
        assertThat(c.getError()).hasValueSatisfying(p -> assertThat(p.getType().toString())
                .isEqualTo(AcmeError.INCORRECT_RESPONSE.type()));
    }

    @Test
    void aSlowDeviceIsProcessingInTheResponseAndValidWhenPolled() throws Exception {
        Http01Challenge c = challengeFor("127.0.0.1");
        tokens.put(c.getToken(), c.getAuthorization());
        delaysMs.put(c.getToken(), Authorizations.SETTLE.toMillis() + 700);

        c.trigger();

        assertThat(c.getStatus()).isEqualTo(Status.PROCESSING);
        assertThat(c.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
    }
}
