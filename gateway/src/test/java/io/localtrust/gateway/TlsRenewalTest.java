package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.NamePolicy;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.locality.Cidr;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.RevocationReason;
import io.localtrust.x509.Cert;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.MovableClock;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The running gateway renews its own HTTPS certificate: a gateway made with the shortest leaf
 * lifetime the configuration allows (1 hour), on a test clock that starts 45 minutes in the past
 * so that every certificate it issues is also valid by the wall clock real TLS peers judge with.
 * Moving the clock to "now" passes two thirds of the first certificate's life.
 */
class TlsRenewalTest {
    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path tmp;
    Path dir;
    final Instant realNow = Instant.now();
    final MovableClock clock = MovableClock.fixedAt(realNow.minus(Duration.ofMinutes(45)));
    Gateway gateway;
    GatewayServer server;
    SSLContext trusting;

    @BeforeEach
    void start() throws Exception {
        dir = tmp.resolve("gw");
        List<Cidr> ips = new ArrayList<>(NamePolicy.defaults().ipRanges());
        ips.add(Cidr.parse("127.0.0.0/8"));
        new KeyCeremony(clock, TestGateways.RANDOM).perform(new CeremonySpec(dir, "Renewal test",
                new NamePolicy(NamePolicy.defaults().dnsSubtrees(), ips), KeyKind.EC_P256, LIFETIME,
                "http://gateway.home.arpa:8080"), "correct horse battery staple".toCharArray());
        gateway = Gateway.open(dir, CompromisedKeys.none(), clock, TestGateways.RANDOM);
        InetAddress lo = InetAddress.getLoopbackAddress();
        server = GatewayServer.start(gateway, new ServerSettings(new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0),
                List.of(ServerSettings.DEFAULT_NAME), POLL), clock, TestGateways.RANDOM);
        trusting = TestGateways.trusting(gateway.root().der());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        gateway.close();
    }

    @Test
    void renewsAtTwoThirdsOfTheLifetimeWhileAConnectionOpenedBeforeKeepsWorking() throws Exception {
        Cert first = server.tlsCertificate();
        assertThat(Duration.between(first.notBefore(), first.notAfter())).isBetween(LIFETIME.minusSeconds(2), LIFETIME);
        int devices = gateway.store().devices().size();
        try (TlsConnection before = new TlsConnection(trusting, server.httpsPort())) {
            assertThat(before.serial()).isEqualTo(first.serial());
            assertThat(before.get("/ca/root.pem")).isEqualTo(200);

            clock.set(RenewalTimes.renewAt(first).minusSeconds(5));
            Thread.sleep(POLL.toMillis() * 8);
            assertThat(server.tlsCertificate().serial()).as("not renewed before two thirds").isEqualTo(first.serial());

            clock.set(realNow);
            assertThat(RunningGateway.eventually(Duration.ofSeconds(10),
                    () -> !server.tlsCertificate().serial().equals(first.serial()))).as("renewed").isTrue();
            Cert second = server.tlsCertificate();
            assertThat(second.notBefore()).isAfter(first.notBefore());
            assertThat(second.sans()).isEqualTo(first.sans());
            assertThat(server.tlsRenewal().renewals()).isEqualTo(1);

            try (TlsConnection after = new TlsConnection(TestGateways.trusting(gateway.root().der()), server.httpsPort())) {
                assertThat(after.serial()).as("a new handshake gets the new certificate").isEqualTo(second.serial());
                assertThat(after.get("/ca/root.pem")).isEqualTo(200);
            }
            assertThat(before.get("/ca/intermediate.pem")).as("the old connection still serves").isEqualTo(200);
            assertThat(before.serial()).isEqualTo(first.serial());

            var s = TestGateways.openssl(tmp, "s_client", "-connect", "127.0.0.1:" + server.httpsPort(),
                    "-CAfile", dir.resolve("root.pem").toString(), "-verify_return_error", "-verify_ip", "127.0.0.1");
            assertThat(s.output()).contains("Verify return code: 0 (ok)");

            // the same key: the same device, one more certificate for it, recorded as an issuance
            IssuedCertificate stored = gateway.store().certificate(second.serial()).orElseThrow();
            IssuedCertificate firstStored = gateway.store().certificate(first.serial()).orElseThrow();
            assertThat(stored.devId()).isEqualTo(firstStored.devId());
            assertThat(stored.spkiSha256()).isEqualTo(firstStored.spkiSha256());
            assertThat(gateway.store().devices()).hasSize(devices);
            assertThat(issuances(TlsIdentity.ACTOR)).extracting(AuditEvent::subject)
                    .containsExactly(first.serial().toString(16), second.serial().toString(16));
            assertThat(gateway.store().verify()).isEmpty();
        }
    }

    @Test
    void aRevokedCertificateIsReplacedAtOnceWithAFreshKey() throws Exception {
        Cert first = server.tlsCertificate();
        String firstSpki = gateway.store().certificate(first.serial()).orElseThrow().spkiSha256();
        gateway.store().revoke(first.serial(), RevocationReason.KEY_COMPROMISE, clock.instant(), "test");

        assertThat(RunningGateway.eventually(Duration.ofSeconds(10),
                () -> !server.tlsCertificate().serial().equals(first.serial()))).as("renewed").isTrue();
        Cert second = server.tlsCertificate();
        assertThat(gateway.store().certificate(second.serial()).orElseThrow().spkiSha256()).isNotEqualTo(firstSpki);
        assertThat(gateway.store().status(second.serial()).orElseThrow().revoked()).isFalse();
        try (TlsConnection c = new TlsConnection(trusting, server.httpsPort())) {
            assertThat(c.serial()).isEqualTo(second.serial());
        }
        Thread.sleep(POLL.toMillis() * 8);
        assertThat(server.tlsRenewal().renewals()).as("renewed once, not again").isEqualTo(1);
    }

    @Test
    void aRefusedRenewalKeepsTheOldCertificateAndIsRetriedAfterTheBackoff() throws Exception {
        Cert first = server.tlsCertificate();
        String devId = gateway.store().certificate(first.serial()).orElseThrow().devId();
        Approvals approvals = new Approvals(gateway.store(), gateway.config().names(), clock);
        approvals.deny(devId, "test");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(TlsRenewal.class);
        logger.addAppender(log);
        try {
            clock.set(realNow);
            assertThat(RunningGateway.eventually(Duration.ofSeconds(10), () -> server.tlsRenewal().failures() >= 1)).isTrue();
        } finally {
            logger.detachAppender(log);
        }
        RenewalStatus failed = server.tlsRenewal();
        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.lastFailure().orElseThrow()).contains("denied");
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("renewing the gateway's TLS certificate failed", "denied",
                    "still serving serial " + first.serial().toString(16), "next attempt at")
                    .doesNotContain("PRIVATE", "Material[");
            assertThat(e.getThrowableProxy()).as("no stack trace for a refusal").isNull();
        });
        assertThat(failed.retryAt()).contains(realNow.plus(RenewalTimes.BACKOFF.get(0)));
        assertThat(server.tlsCertificate().serial()).isEqualTo(first.serial());
        try (TlsConnection c = new TlsConnection(trusting, server.httpsPort())) {
            assertThat(c.serial()).as("the old certificate is still served").isEqualTo(first.serial());
            assertThat(c.get("/ca/root.pem")).isEqualTo(200);
        }
        assertThat(gateway.store().certificatesOf(devId)).hasSize(1);

        approvals.approve(devId, "test");
        clock.advance(RenewalTimes.BACKOFF.get(0).minusSeconds(1));
        Thread.sleep(POLL.toMillis() * 8);
        assertThat(server.tlsRenewal().failures()).as("no attempt before the backoff ends").isEqualTo(1);
        assertThat(server.tlsCertificate().serial()).isEqualTo(first.serial());

        clock.advance(Duration.ofSeconds(1));
        assertThat(RunningGateway.eventually(Duration.ofSeconds(10),
                () -> !server.tlsCertificate().serial().equals(first.serial()))).as("renewed on retry").isTrue();
        assertThat(server.tlsRenewal().failures()).isZero();
        assertThat(server.tlsRenewal().lastFailure()).isEmpty();
        try (TlsConnection c = new TlsConnection(trusting, server.httpsPort())) {
            assertThat(c.serial()).isEqualTo(server.tlsCertificate().serial());
        }
    }

    @Test
    void anExpiredCertificateIsRenewedAtOnce() throws Exception {
        Cert first = server.tlsCertificate();
        clock.set(first.notAfter().plusSeconds(1));
        assertThat(RunningGateway.eventually(Duration.ofSeconds(10),
                () -> !server.tlsCertificate().serial().equals(first.serial()))).as("renewed").isTrue();
        assertThat(server.tlsCertificate().notAfter()).isAfter(first.notAfter().plus(LIFETIME.dividedBy(2)));
    }

    @Test
    void aClosedStoreKeepsTheOldCertificateServed() throws Exception {
        Cert first = server.tlsCertificate();
        gateway.store().close();
        clock.set(realNow);
        assertThat(RunningGateway.eventually(Duration.ofSeconds(10), () -> server.tlsRenewal().failures() >= 1)).isTrue();
        assertThat(server.tlsCertificate().serial()).isEqualTo(first.serial());
        try (TlsConnection c = new TlsConnection(trusting, server.httpsPort())) {
            assertThat(c.serial()).isEqualTo(first.serial());
        }
    }

    private List<AuditEvent> issuances(String actor) throws Exception {
        return gateway.store().events(0, 1000).stream()
                .filter(e -> e.action().equals("issue") && e.actor().equals(actor)).toList();
    }
}
