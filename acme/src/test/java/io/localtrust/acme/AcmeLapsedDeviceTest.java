package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.authority.Approvals;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.DeviceRecord;
import io.localtrust.x509.MovableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
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
 * A device offline past expiry, as acme4j (the agent's client) sees it: its renewal order after the
 * gap waits for a person like its first one (the gateway's default lapsedDevices policy), while a
 * renewal before expiry is issued at once.
 */
class AcmeLapsedDeviceTest {
    @TempDir
    Path tmp;
    Http01Responder challenges;
    final MovableClock clock = MovableClock.shifted(); // the months a device spends offline, jumped
    AcmeTestServer server;

    @BeforeEach
    void start() throws Exception {
        challenges = Http01Responder.start();
        server = new AcmeTestServer(tmp.resolve("gw"), challenges.port(), AcmeSettings.defaults(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        challenges.close();
        server.close();
    }

    private Order order(Account account) throws Exception {
        Order order = account.newOrder().identifier(Identifier.dns("printer.home.arpa")).identifier(Identifier.ip("127.0.0.1")).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() == Status.VALID) {
                continue;
            }
            Http01Challenge c = auth.findChallenge(Http01Challenge.class).orElseThrow();
            challenges.answer(c.getToken(), c.getAuthorization());
            c.trigger();
            assertThat(auth.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        }
        order.waitUntilReady(Duration.ofSeconds(30));
        return order;
    }

    private DeviceRecord device() throws Exception {
        return server.gateway.store().devices().stream().filter(d -> d.identities().contains("printer.home.arpa"))
                .findFirst().orElseThrow();
    }

    @Test
    void aRenewalAfterExpiryWaitsForAPersonAgainWhileOneBeforeExpiryIsIssuedAtOnce() throws Exception {
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(new Session(server.directory));
        KeyPair deviceKey = KeyPairUtils.createKeyPair(); // the device's one key, kept across all of this
        Order first = order(account);
        first.execute(deviceKey);
        first.fetch();
        assertThat(first.getStatus()).as("a new device waits for a person").isEqualTo(Status.PROCESSING);
        Approvals approvals = new Approvals(server.gateway.store(), server.gateway.config().names(), clock);
        approvals.approve(device().devId(), "test-owner");
        assertThat(first.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        X509Certificate firstLeaf = first.getCertificate().getCertificate();

        clock.advance(Duration.ofDays(60)); // renewal at two thirds of the 90 days
        Order renewal = order(account);
        renewal.execute(deviceKey);
        assertThat(renewal.waitForCompletion(Duration.ofSeconds(30))).as("renewed at once").isEqualTo(Status.VALID);
        X509Certificate renewed = renewal.getCertificate().getCertificate();
        assertThat(renewed.getNotAfter()).isAfter(firstLeaf.getNotAfter());

        clock.advance(Duration.ofDays(120)); // offline past the renewed certificate's expiry
        Order back = order(account);
        back.execute(deviceKey);
        back.fetch();
        assertThat(back.getStatus()).as("back after expiry: waits for a person again").isEqualTo(Status.PROCESSING);
        assertThat(device().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(server.gateway.store().events(1, 1000)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("reopen");
            assertThat(e.detail()).contains("offline past expiry");
        });

        approvals.approve(device().devId(), "test-owner");
        assertThat(back.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        X509Certificate again = back.getCertificate().getCertificate();
        assertThat(again.getPublicKey()).isEqualTo(deviceKey.getPublic());
        assertThat(again.getNotAfter()).isAfter(renewed.getNotAfter());
    }
}
