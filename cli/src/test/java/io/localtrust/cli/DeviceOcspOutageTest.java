package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.agent.stapling.Staple;
import io.localtrust.x509.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCSP responder down (issue 5: "keeps the last good staple until it expires, then serves
 * without"), seen by {@code openssl s_client -status}. A gateway of its own whose published OCSP
 * URL (AIA) is a loopback path the test can cut; the device onboards and staples {@code good};
 * the path is cut and the device's clock moved a day on: it cannot fetch, says why, and a
 * handshake after JSSE's 30-second staple cache has passed still carries the very response it
 * had (same thisUpdate). With its clock past that response's nextUpdate, handshakes carry no
 * staple at all — never a stale one. Last, OCSP still down, the owner revokes the certificate:
 * the gateway's renewal information (ARI, RFC 9773) now suggests renewing at once, and the device,
 * which asks it again every {@code --status-check}, renews — ARI alone told it.
 */
class DeviceOcspOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String NAME = "ocsp.home.arpa";
    private static final String ADDRESS = "127.0.41.50";
    private static final Pattern THIS_UPDATE = Pattern.compile("This Update: (.+)");

    @TempDir
    Path tmp;

    @Test
    void withTheResponderDownTheLastGoodResponseIsStapledUntilItsNextUpdateThenNoneAndAriStillBringsRenewal() throws Exception {
        Path dir = tmp.resolve("gw");
        Files.writeString(tmp.resolve("pass.txt"), "a long enough passphrase\n");
        Path admin = Files.writeString(tmp.resolve("admin.txt"), "device admin password\n");
        int published = GatewayProcess.freePort();
        int http = GatewayProcess.freePort();
        Cli.Result init = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "OCSP outage test", "--permit",
                "home.arpa,127.0.0.0/8", "--passphrase-file", tmp.resolve("pass.txt").toString(), "--url",
                "http://127.0.0.1:" + published);
        assertThat(init.exit()).as(init.err()).isZero();
        int devicePort = GatewayProcess.freePort();
        try (LoopbackForwarder ocspPath = new LoopbackForwarder(published, http);
             GatewayProcess process = GatewayProcess.withHttpListen(dir, tmp.resolve("gw.log"), "127.0.0.1:" + http,
                     "--validation-http-port", Integer.toString(devicePort))) {
            ocspPath.open();
            SharedGateway.Running gw = new SharedGateway.Running(process, dir, dir.resolve("root.pem"), admin, devicePort,
                    "http://127.0.0.1:" + http);
            MovableClock clock = MovableClock.shifted();
            try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, NAME, ADDRESS, tmp.resolve("device"))
                    .withClock(clock))) {
                d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
                Cli.Result approve = Cli.runNow("gateway", "approve", "--dir", dir.toString(), d.identity.devId());
                assertThat(approve.exit()).as(approve.err()).isZero();
                d.await(Phase.ISSUED, WAIT);
                int port = d.agent.httpsPort().orElseThrow();
                String before = DeviceRunTest.stapled(gw, NAME, ADDRESS, port);
                assertThat(before).contains("OCSP Response Status: successful", "Cert Status: good");
                Staple good = d.agent.stapling().staple().orElseThrow();

                ocspPath.close(); // the responder is unreachable from the device
                clock.set(Instant.now().plus(Duration.ofDays(1)));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (d.agent.stapling().problem().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(d.agent.stapling().problem()).as("the device says it cannot fetch")
                        .hasValueSatisfying(p -> assertThat(p).doesNotContain("Exception"));
                assertThat(d.agent.stapling().staple()).as("the last good response, kept").contains(good);
                Thread.sleep(Duration.ofSeconds(31)); // past JSSE's cacheLifetime: the handshake asks the device again
                String during = DeviceRunTest.sClient(gw, NAME, ADDRESS, port);
                assertThat(during).contains("OCSP Response Status: successful", "Cert Status: good");
                assertThat(thisUpdate(during)).as("the same response as before the outage").isEqualTo(thisUpdate(before));

                clock.set(good.nextUpdate().plus(Duration.ofMinutes(1))); // past its nextUpdate
                String after = DeviceRunTest.sClient(gw, NAME, ADDRESS, port);
                while (!after.contains("OCSP response: no response sent") && System.nanoTime() < deadline + WAIT.toNanos()) {
                    Thread.sleep(1000);
                    after = DeviceRunTest.sClient(gw, NAME, ADDRESS, port);
                }
                assertThat(after).as("no staple once it has expired, never a stale one")
                        .contains("OCSP response: no response sent", "Verify return code: 0 (ok)").doesNotContain("Cert Status:");
                assertThat(d.agent.stapling().staple()).isEmpty();

                // OCSP still down, the owner revokes the certificate: the gateway's ARI now says "renew", and the
                // device, asking ARI every --status-check, renews — nothing else could have told it
                clock.set(Instant.now());
                String revoked = d.agent.served().orElseThrow().leaf().serial().toString(16);
                Cli.Result revoke = Cli.runNow("gateway", "revoke", "--dir", dir.toString(), revoked);
                assertThat(revoke.exit()).as(revoke.err()).isZero();
                d.await(s -> s.phase() == Phase.ISSUED && s.detail().startsWith("certificate ")
                        && !s.detail().startsWith("certificate " + revoked + " "), WAIT);
                assertThat(d.agent.served().orElseThrow().leaf().serial().toString(16)).isNotEqualTo(revoked);
                assertThat(d.agent.stapling().staple()).as("OCSP was down all along").isEmpty();
                String renewed = DeviceRunTest.sClient(gw, NAME, ADDRESS, port);
                assertThat(renewed).contains("Verify return code: 0 (ok)");
            }
        }
    }

    private static String thisUpdate(String sClient) {
        Matcher m = THIS_UPDATE.matcher(sClient);
        assertThat(m.find()).as(sClient).isTrue();
        return m.group(1).strip();
    }
}
