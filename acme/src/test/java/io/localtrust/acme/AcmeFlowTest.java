package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.authority.Approvals;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.DeviceRecord;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.localtrust.x509.CertificateRequests;
import io.localtrust.x509.Digests;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.Oids;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The whole ACME flow with acme4j (a real client) against the gateway's front end and a real
 * http-01 responder on loopback: account, order for a name and an address, validation over the
 * LAN, finalize into a pending approval, approval, certificate, revocation.
 */
class AcmeFlowTest {
    @TempDir
    Path tmp;
    Http01Responder challenges;
    AcmeTestServer server;

    @BeforeEach
    void start() throws Exception {
        challenges = Http01Responder.start();
        server = new AcmeTestServer(tmp.resolve("gw"), challenges.port(), AcmeSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        challenges.close();
        server.close();
    }

    private Account account(Session session, KeyPair key) throws AcmeException {
        return new AccountBuilder().addEmail("owner@home.arpa").agreeToTermsOfService().useKeyPair(key).create(session);
    }

    private void validate(Order order) throws Exception {
        for (Authorization auth : order.getAuthorizations()) {
            Http01Challenge c = auth.findChallenge(Http01Challenge.class).orElseThrow();
            challenges.answer(c.getToken(), c.getAuthorization());
            c.trigger();
            assertThat(auth.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        }
    }

    @Test
    void aClientOnboardsADeviceThatAPersonApproves() throws Exception {
        Session session = new Session(server.directory);
        Account account = account(session, KeyPairUtils.createKeyPair());
        Order order = account.newOrder().identifier(Identifier.dns("printer.home.arpa"))
                .identifier(Identifier.ip("127.0.0.1")).create();
        assertThat(order.getStatus()).isEqualTo(Status.PENDING);
        validate(order);
        order.waitUntilReady(Duration.ofSeconds(30));

        KeyPair deviceKey = KeyPairUtils.createKeyPair();
        order.execute(deviceKey);
        order.fetch();
        assertThat(order.getStatus()).as("waits for a person").isEqualTo(Status.PROCESSING);
        List<DeviceRecord> pending = server.gateway.store().devices().stream()
                .filter(d -> d.state() == ApprovalState.PENDING).toList();
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).identities()).contains("printer.home.arpa", "127.0.0.1");

        new Approvals(server.gateway.store(), server.gateway.config().names(), Clock.systemUTC())
                .approve(pending.get(0).devId(), "test-owner");
        assertThat(order.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);

        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getPublicKey()).isEqualTo(deviceKey.getPublic());
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", Oids.KP_LOCAL_DEVICE);
        assertThat(leaf.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .containsExactlyInAnyOrder("printer.home.arpa", "127.0.0.1");
        leaf.verify(chain.get(1).getPublicKey());
        assertThat(chain.get(1).getEncoded()).isEqualTo(server.gateway.intermediate().der());

        order.getCertificate().revoke();
        assertThat(server.gateway.store().status(leaf.getSerialNumber()).orElseThrow().revoked()).isTrue();
    }

    @Test
    void thePairingCodeInTheCsrIsShownBesideThePendingDeviceUntilTypedAndNeverLogged() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        KeyPair deviceKey = KeyKind.EC_P256.generate(new SecureRandom());
        String devId = Digests.devId(deviceKey.getPublic().getEncoded());
        Approvals approvals = new Approvals(server.gateway.store(), server.gateway.config().names(), Clock.systemUTC());
        Order order;
        try {
            Account account = account(new Session(server.directory), KeyPairUtils.createKeyPair());
            order = account.newOrder().domain("speaker.home.arpa").create();
            validate(order);
            order.waitUntilReady(Duration.ofSeconds(30));
            // as the device agent sends it: the code it shows, as the CSR's challengePassword
            order.execute(CertificateRequests.create(deviceKey.getPrivate(), deviceKey.getPublic(), Optional.empty(),
                    List.of("speaker.home.arpa"), List.of(), Optional.of("K7QM-4XPA"), "SHA256withECDSA"));
            order.fetch();
            assertThat(order.getStatus()).isEqualTo(Status.PROCESSING);
            assertThat(approvals.shownPairingCodes()).as("shown beside the pending device, as the device shows it")
                    .containsExactly(Map.entry(devId, "K7QM-4XPA"));

            assertThat(approvals.approveByCode("K7QM-4XPA", "test-owner").devId()).isEqualTo(devId);
            assertThat(order.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
            assertThat(approvals.shownPairingCodes()).as("used: shown no more").isEmpty();
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("device " + devId + " offered a pairing code"))
                .allSatisfy(m -> assertThat(m).doesNotContain("K7QM", "4XPA"));
        assertThat(server.gateway.store().events(1, 1000)).allSatisfy(e ->
                assertThat(e.detail() + " " + e.subject()).doesNotContain("K7QM", "4XPA"));
    }

    @Test
    void aDeniedDeviceGetsAnInvalidOrderSayingSo() throws Exception {
        Session session = new Session(server.directory);
        Account account = account(session, KeyPairUtils.createKeyPair());
        Order order = account.newOrder().domain("camera.home.arpa").create();
        validate(order);
        order.execute(KeyPairUtils.createKeyPair());
        DeviceRecord device = server.gateway.store().devices().get(0);
        new Approvals(server.gateway.store(), server.gateway.config().names(), Clock.systemUTC()).deny(device.devId(), "owner");

        assertThat(order.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.INVALID);
        assertThat(order.getError().orElseThrow().getType().toString()).isEqualTo(AcmeError.UNAUTHORIZED.type());
        assertThat(order.getError().orElseThrow().getDetail().orElseThrow()).contains("denied");
    }

    @Test
    void namesOutsideTheConstraintsAndPublicAddressesAreRefusedAtNewOrder() throws Exception {
        Session session = new Session(server.directory);
        Account account = account(session, KeyPairUtils.createKeyPair());
        assertThatThrownBy(() -> account.newOrder().domain("bank.example").create())
                .isInstanceOfSatisfying(AcmeServerException.class, e -> {
                    assertThat(e.getType().toString()).isEqualTo(AcmeError.REJECTED_IDENTIFIER.type());
                    assertThat(e.getMessage()).contains("outside");
                });
        assertThatThrownBy(() -> account.newOrder().identifier(Identifier.ip("8.8.8.8")).create())
                .isInstanceOfSatisfying(AcmeServerException.class,
                        e -> assertThat(e.getType().toString()).isEqualTo(AcmeError.REJECTED_IDENTIFIER.type()));
        assertThat(server.gateway.store().objectsOf(account.getLocation().getPath().replaceAll(".*/", ""),
                io.localtrust.store.AcmeStore.ObjectKind.ORDER, 0, 10)).isEmpty();
    }

    @Test
    void anAccountKeyRollsOverAndTheOldKeyNoLongerSigns() throws Exception {
        Session session = new Session(server.directory);
        KeyPair oldKey = KeyPairUtils.createKeyPair();
        Account account = account(session, oldKey);
        KeyPair newKey = KeyPairUtils.createKeyPair();
        account.changeKey(newKey);

        Account again = new AccountBuilder().onlyExisting().useKeyPair(newKey).create(new Session(server.directory));
        assertThat(again.getLocation()).isEqualTo(account.getLocation());
        assertThatThrownBy(() -> new AccountBuilder().onlyExisting().useKeyPair(oldKey).create(new Session(server.directory)))
                .isInstanceOfSatisfying(AcmeServerException.class,
                        e -> assertThat(e.getType().toString()).isEqualTo(AcmeError.ACCOUNT_DOES_NOT_EXIST.type()));
    }
}
