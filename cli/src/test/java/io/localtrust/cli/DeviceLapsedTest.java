package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.acme.AcmeSettings;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.gateway.GatewayServer;
import io.localtrust.gateway.ServerSettings;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.ApprovalState;
import io.localtrust.x509.Cert;
import io.localtrust.x509.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: "A device that was offline past expiry re-enrols and needs a fresh approval unless the
 * gateway's policy accepts proof of the old key" — the device agent and the gateway together, both
 * in this JVM on one clock the test jumps past the certificate's expiry (the months the device was
 * off). The gateway keeps its default policy ({@code gateway init} without
 * {@code --lapsed-devices}: reapprove). The device, started again, serves nothing over HTTPS with
 * its expired certificate, enrols with the same key and a fresh pairing code, and waits, showing
 * that code; the owner types it; only then is it certified again. Under
 * {@code --lapsed-devices accept-old-key} the same device is certified again at once.
 */
class DeviceLapsedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAME = "lapsed.home.arpa";
    private static final String ADDRESS = "127.0.41.60";

    @TempDir
    Path tmp;

    /** A gateway made by {@code gateway init} (with {@code extra} options), served in this JVM on {@code clock}. */
    private record LiveGateway(Gateway gateway, GatewayServer server, int devicePort) implements AutoCloseable {
        static LiveGateway start(Path tmp, MovableClock clock, String... extra) throws Exception {
            Path dir = tmp.resolve("gw");
            Files.writeString(tmp.resolve("pass.txt"), "a long enough passphrase\n");
            int http = GatewayProcess.freePort();
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("gateway", "init", "--dir", dir.toString(),
                    "--name", "Lapse test", "--permit", "home.arpa,127.0.0.0/8", "--passphrase-file", tmp.resolve("pass.txt").toString(),
                    "--url", "http://127.0.0.1:" + http));
            args.addAll(java.util.List.of(extra));
            Cli.Result init = Cli.run(args.toArray(new String[0]));
            assertThat(init.exit()).as(init.err()).isZero();
            SecureRandom random = new SecureRandom();
            int devicePort = GatewayProcess.freePort();
            ServerSettings loopback = ServerSettings.loopback(0, http);
            ServerSettings settings = new ServerSettings(loopback.httpsListen(), loopback.httpListen(), loopback.tlsNames(),
                    loopback.pollInterval(), new ServerSettings.Acme(devicePort, ServerSettings.Acme.defaults().validationTlsPort(),
                            AcmeSettings.defaults()));
            Gateway gateway = Gateway.open(dir, CompromisedKeys.none(), clock, random);
            try {
                return new LiveGateway(gateway, GatewayServer.start(gateway, settings, clock, random), devicePort);
            } catch (Exception e) {
                gateway.close();
                throw e;
            }
        }

        InProcessDevice.Options device(Path state, MovableClock clock) {
            return new InProcessDevice.Options(NAME, ADDRESS, state, server.httpsUrl().resolve("acme/directory"), gateway.root(),
                    devicePort, Optional.empty(), clock);
        }

        @Override
        public void close() throws Exception {
            server.close();
            gateway.close();
        }
    }

    /** Onboards a new device by its pairing code; returns its first certificate. */
    private static Cert onboard(InProcessDevice.Options o, Approvals owner) throws Exception {
        try (InProcessDevice d = InProcessDevice.start(o)) {
            owner.approveByCode(d.await(Phase.WAITING_FOR_APPROVAL, WAIT).pairing().orElseThrow().code(), "owner");
            d.await(Phase.ISSUED, WAIT);
            return d.agent.served().orElseThrow().leaf();
        }
    }

    @Test
    void aDeviceBackAfterItsCertificateExpiredWaitsForAFreshApprovalByItsNewPairingCode() throws Exception {
        MovableClock clock = MovableClock.shifted();
        try (LiveGateway gw = LiveGateway.start(tmp, clock)) {
            Gateway gateway = gw.gateway();
            Approvals owner = new Approvals(gateway.store(), gateway.config().names(), clock);
            InProcessDevice.Options o = gw.device(tmp.resolve("device"), clock);
            Cert first = onboard(o, owner);

            clock.set(first.notAfter().plus(Duration.ofDays(30))); // a month past its certificate's expiry
            try (InProcessDevice d = InProcessDevice.start(o)) {
                assertThat(d.agent.served()).as("the expired certificate is not served").isEmpty();
                assertThat(d.agent.httpsPort()).isEmpty();
                OnboardingStatus waiting = d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
                String code = waiting.pairing().orElseThrow().code();
                assertThat(gateway.store().device(d.identity.devId()).orElseThrow().state())
                        .as("pending again at the gateway").isEqualTo(ApprovalState.PENDING);
                assertThat(DeviceRunTest.get(d.httpBase()).body()).contains(code, "waiting for the owner's approval");
                Thread.sleep(1000); // a poll or two: still not issued without the owner
                assertThat(d.agent.certified()).isFalse();

                owner.approveByCode(code, "owner");
                d.await(s -> s.phase() == Phase.ISSUED && s.detail().startsWith("certificate ")
                        && !s.detail().startsWith("certificate " + first.serial().toString(16) + " "), WAIT);
                Cert again = d.agent.served().orElseThrow().leaf();
                assertThat(again.spkiDer()).as("the same key: the same device").isEqualTo(first.spkiDer());
                assertThat(again.notBefore()).isAfter(first.notAfter());
                assertThat(d.agent.httpsPort()).isPresent();
            }
        }
    }

    @Test
    void underAcceptOldKeyTheSameDeviceIsCertifiedAgainWithoutAskingTheOwner() throws Exception {
        MovableClock clock = MovableClock.shifted();
        try (LiveGateway gw = LiveGateway.start(tmp, clock, "--lapsed-devices", "accept-old-key")) {
            Approvals owner = new Approvals(gw.gateway().store(), gw.gateway().config().names(), clock);
            InProcessDevice.Options o = gw.device(tmp.resolve("device"), clock);
            Cert first = onboard(o, owner);

            clock.set(first.notAfter().plus(Duration.ofDays(30)));
            try (InProcessDevice d = InProcessDevice.start(o)) {
                assertThat(d.agent.served()).isEmpty();
                d.await(s -> s.phase() == Phase.ISSUED && s.detail().startsWith("certificate ")
                        && !s.detail().startsWith("certificate " + first.serial().toString(16) + " "), WAIT);
                assertThat(d.statuses).as("never waiting: the CSR's proof of the same key is enough here")
                        .noneMatch(s -> s.phase() == Phase.WAITING_FOR_APPROVAL);
                assertThat(d.agent.served().orElseThrow().leaf().spkiDer()).isEqualTo(first.spkiDer());
            }
        }
    }
}
