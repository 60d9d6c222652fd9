package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.agent.onboarding.GatewayTrust;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.x509.Cert;
import io.localtrust.x509.Digests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device agent when things go wrong, in-process against the shared real {@code gateway run}:
 * a gateway that is not there yet (clear status, retries with growing waits, onboards once it is
 * reachable), one that accepts connections and never answers (slow: "no answer in time", retried),
 * one answering something that is not ACME, the owner denying the device, a clock
 * hours behind the gateway's, and a gateway root fetched by fingerprint (the right one is trusted,
 * a wrong one refused with nothing written).
 */
@ExtendWith(SharedGateway.class)
class DeviceFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aDeviceStartedBeforeItsGatewayIsReachableRetriesWithBackoffAndOnboardsOnceItIs(SharedGateway.Running gw)
            throws Exception {
        URI real = URI.create(gw.acmeDirectory());
        try (LoopbackForwarder path = new LoopbackForwarder(GatewayProcess.freePort(), real.getPort());
             InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "nas.home.arpa", "127.0.41.20", tmp.resolve("nas"))
                     .withDirectory(URI.create("https://127.0.0.1:" + path.port + "/acme/directory")))) {
            d.await(s -> d.statuses.stream().filter(x -> x.phase() == Phase.FAILED).count() >= 3, WAIT);
            List<OnboardingStatus> failed = d.statuses.stream().filter(s -> s.phase() == Phase.FAILED).toList();
            assertThat(failed.get(0).detail()).contains("gateway unreachable (connection refused)").doesNotContain("Exception");
            Duration first = Duration.between(failed.get(0).at(), failed.get(0).retryAt().orElseThrow());
            Duration third = Duration.between(failed.get(2).at(), failed.get(2).retryAt().orElseThrow());
            assertThat(third).as("the waits grow by the backoff table").isGreaterThan(first.multipliedBy(4));
            assertThat(DeviceRunTest.get(d.httpBase()).body()).contains("failed, retrying", "connection refused", "next attempt");

            path.open();
            d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            Cli.Result approve = Cli.runNow("gateway", "approve", "--dir", gw.dir().toString(), d.identity.devId());
            assertThat(approve.exit()).as(approve.err()).isZero();
            d.await(Phase.ISSUED, WAIT);
            assertThat(d.agent.certified()).isTrue();
        }
    }

    @Test
    void aGatewayAnsweringSomethingThatIsNotAcmeIsAClearRetriedFailure(SharedGateway.Running gw) throws Exception {
        URI notAcme = URI.create(gw.acmeDirectory().replace("/acme/directory", "/no-such-thing/acme/directory"));
        try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "tv.home.arpa", "127.0.41.21", tmp.resolve("tv"))
                .withDirectory(notAcme))) {
            OnboardingStatus s = d.await(Phase.FAILED, WAIT);
            assertThat(s.detail()).contains("cannot open the ACME account at " + notAcme,
                    "the gateway refused: nothing is served at /no-such-thing/acme/directory").doesNotContain("Exception", "\n");
            assertThat(s.retryAt()).isPresent();
            assertThat(d.agent.certified()).isFalse();
        }
        try (ServerSocket garbage = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!garbage.isClosed()) {
                    try (Socket c = garbage.accept()) {
                        c.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n\u0000\u00ff garbage \u001b[2J\n".getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            URI dir = URI.create("https://127.0.0.1:" + garbage.getLocalPort() + "/acme/directory");
            try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "radio.home.arpa", "127.0.41.26",
                    tmp.resolve("radio")).withDirectory(dir))) {
                OnboardingStatus s = d.await(Phase.FAILED, WAIT);
                assertThat(s.detail()).contains("cannot open the ACME account at " + dir, "no trusted TLS from the gateway (TLS failed: ")
                        .doesNotContain("Exception", "\n", "\u001b");
                assertThat(s.retryAt()).isPresent();
            }
        }
    }

    @Test
    void aGatewayThatTakesTheConnectionButNeverAnswersIsNoAnswerInTimeAndRetried(SharedGateway.Running gw) throws Exception {
        List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // the TCP connection is made, and nothing ever comes back
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            URI dir = URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/acme/directory");
            try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "slow.home.arpa", "127.0.41.27",
                    tmp.resolve("slow")).withDirectory(dir))) {
                OnboardingStatus s = d.await(Phase.FAILED, WAIT);
                assertThat(s.detail()).contains("cannot open the ACME account at " + dir + ": no answer from the gateway in time (")
                        .doesNotContain("Exception", "unreachable", "\n");
                assertThat(s.retryAt()).isPresent();
                assertThat(d.agent.certified()).isFalse();
                assertThat(DeviceRunTest.get(d.httpBase()).body()).contains("failed, retrying", "no answer from the gateway in time", "next attempt");
                assertThat(held).as("it really reached the silent gateway").isNotEmpty();
            }
        } finally {
            for (Socket c : held) {
                c.close();
            }
        }
    }

    @Test
    void aDeniedDeviceSaysSoOnItsHttpPageAndGetsNoCertificate(SharedGateway.Running gw) throws Exception {
        try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "scanner.home.arpa", "127.0.41.2",
                tmp.resolve("scanner")))) {
            d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            Cli.Result deny = Cli.runNow("gateway", "deny", "--dir", gw.dir().toString(), d.identity.devId());
            assertThat(deny.exit()).as(deny.err()).isZero();
            d.await(Phase.DENIED, WAIT);
            HttpResponse<String> page = DeviceRunTest.get(d.httpBase());
            assertThat(page.body()).contains("denied by the gateway's owner", "--reset-identity");
            assertThat(DeviceRunTest.get(d.httpBase() + "login").statusCode()).isEqualTo(404);
            assertThat(page.body()).doesNotContain("<form", "password");
            assertThat(d.agent.certified()).isFalse();
            assertThat(d.agent.httpsPort()).as("HTTP only: no HTTPS port is opened").isEmpty();
        }
    }

    @Test
    void aClockHoursBehindTheGatewaysIsWarnedAboutOnTheOnboardingPage(SharedGateway.Running gw) throws Exception {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofHours(-3));
        try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "clock.home.arpa", "127.0.41.22",
                tmp.resolve("clock")).withClock(behind))) {
            // the device distrusts the gateway's certificate (not yet valid by its clock) and fails
            // closed; what it must still do is say why
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (d.agent.clockWarning().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(d.agent.clockWarning()).hasValueSatisfying(w -> assertThat(w).contains("3 hours behind", "is the clock behind?"));
            assertThat(DeviceRunTest.get(d.httpBase()).body()).contains("clock-warning", "3 hours behind");
        }
        try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "clock2.home.arpa", "127.0.41.23",
                tmp.resolve("clock2")))) {
            d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            assertThat(d.agent.clockWarning()).as("a clock in step is no finding").isEmpty();
        }
    }

    @Test
    void theGatewayRootFetchedByFingerprintIsTrustedOnlyWhenTheFingerprintMatches(SharedGateway.Running gw) throws Exception {
        Cert root = GatewayTrust.fromBundle(gw.root());
        String right = Digests.sha256Hex(root.der());
        StateDir fresh = new StateDir(tmp.resolve("fp-ok"));
        Cert fetched = DeviceTrust.resolve(fresh, URI.create(gw.acmeDirectory()), null, right.toUpperCase(java.util.Locale.ROOT)
                .replaceAll("(..)(?!$)", "$1:"));
        assertThat(fetched).isEqualTo(root);
        try (InProcessDevice d = InProcessDevice.start(new InProcessDevice.Options("fp.home.arpa", "127.0.41.24", fresh.dir(),
                URI.create(gw.acmeDirectory()), fetched, gw.devicePort(), java.util.Optional.empty(), Clock.systemUTC()))) {
            d.await(Phase.WAITING_FOR_APPROVAL, WAIT); // ACME over TLS, trusting the fetched root only
        }

        String wrong = (right.charAt(0) == '0' ? "1" : "0") + right.substring(1);
        Path state = tmp.resolve("fp-wrong");
        assertThatThrownBy(() -> DeviceTrust.resolve(new StateDir(state), URI.create(gw.acmeDirectory()), null, wrong))
                .isInstanceOf(UserError.class).hasMessageContaining("not the fingerprint given: refusing to trust it");
        Cli.Result refused = Cli.run("device", "run", "--gateway", gw.acmeDirectory(), "--name", "fp2.home.arpa", "--bind",
                "127.0.41.25", "--http-port", Integer.toString(gw.devicePort()), "--state", state.toString(),
                "--gateway-fingerprint", wrong);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("has SHA-256 " + right, "not the fingerprint given: refusing to trust it")
                .doesNotContain("Exception");
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(state).as("nothing written").doesNotExist();

        int closed = GatewayProcess.freePort(); // nothing listens there
        Cli.Result unreachable = Cli.run("device", "run", "--gateway", "https://127.0.0.1:" + closed + "/acme/directory", "--name",
                "fp3.home.arpa", "--bind", "127.0.41.28", "--http-port", Integer.toString(gw.devicePort()), "--state",
                state.toString(), "--gateway-fingerprint", right);
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach the gateway at 127.0.0.1:" + closed).doesNotContain("Exception", "\tat ");
        assertThat(unreachable.err().lines()).hasSize(1);
        assertThat(state).as("nothing written: the root is settled before the identity").doesNotExist();
    }
}
