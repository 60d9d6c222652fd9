package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.onboarding.GatewayTrust;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.x509.Cert;
import io.localtrust.x509.MovableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal as issue 5 states it, against the shared real {@code gateway run}: the device plans its
 * renewal at two thirds of its certificate's lifetime; when its clock reaches that point (the
 * agent's injected clock is moved there — the gateway keeps the real one) it orders again through
 * ACME with the same key, no approval asked, and swaps the new certificate into its running HTTPS
 * server. Meanwhile every new TLS handshake still gets the old certificate until the new one is
 * installed, never an error; a keep-alive connection opened before the swap keeps working on its
 * old session afterwards (not dropped); new connections then get the new certificate, which
 * {@code openssl s_client} verifies for the device's name with a stapled {@code good}.
 */
@ExtendWith(SharedGateway.class)
class DeviceRenewalTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAME = "renew.home.arpa";
    private static final String ADDRESS = "127.0.41.30";

    @TempDir
    Path tmp;

    @Test
    void atTwoThirdsOfItsLifetimeTheDeviceRenewsServingTheOldCertificateUntilTheSwapWhichKeepsOpenConnections(
            SharedGateway.Running gw) throws Exception {
        MovableClock clock = MovableClock.shifted();
        AtomicReference<BigInteger> old = new AtomicReference<>();
        // once the renewed certificate is installed, the device's clock goes back to the real time, so that the
        // new certificate (two thirds of its life ahead by the real clock) is not due at once as well
        InProcessDevice.Options o = InProcessDevice.at(gw, NAME, ADDRESS, tmp.resolve("renew")).withClock(clock);
        try (InProcessDevice d = InProcessDevice.start(o, s -> {
            if (old.get() != null && s.phase() == Phase.ISSUED && s.detail().startsWith("certificate ")
                    && !s.detail().startsWith("certificate " + old.get().toString(16) + " ")) {
                clock.set(Instant.now());
            }
        })) {
            d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            Cli.Result approve = Cli.runNow("gateway", "approve", "--dir", gw.dir().toString(), d.identity.devId());
            assertThat(approve.exit()).as(approve.err()).isZero();
            d.await(Phase.ISSUED, WAIT);
            Cert first = d.agent.served().orElseThrow().leaf();
            int port = d.agent.httpsPort().orElseThrow();
            Instant twoThirds = first.notBefore().plus(Duration.between(first.notBefore(), first.notAfter()).multipliedBy(2).dividedBy(3));
            Matcher due = Pattern.compile("renewal due (\\S+) ").matcher(d.agent.renewal());
            assertThat(due.find()).as(d.agent.renewal()).isTrue();
            assertThat(Duration.between(twoThirds, Instant.parse(due.group(1))).abs()).as("renewal planned at two thirds of the lifetime")
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
            Cert root = GatewayTrust.fromBundle(gw.root());

            try (SSLSocket kept = connect(root, port)) {
                assertThat(get(kept)).isEqualTo(200);
                assertThat(serial(kept)).isEqualTo(first.serial());
                assertThat(get(kept)).as("keep-alive: the connection serves a second request").isEqualTo(200);
                old.set(first.serial());

                // new handshakes all through the renewal: each gets a certificate, the old one until the new one is in
                List<BigInteger> seen = new CopyOnWriteArrayList<>();
                List<String> failures = new CopyOnWriteArrayList<>();
                AtomicBoolean watching = new AtomicBoolean(true);
                Thread watcher = Thread.ofVirtual().start(() -> {
                    while (watching.get()) {
                        try (SSLSocket s = connect(root, port)) {
                            seen.add(serial(s));
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                });
                clock.set(Instant.parse(due.group(1)).plusSeconds(1));
                d.await(s -> s.phase() == Phase.ISSUED && s.detail().startsWith("certificate ")
                        && !s.detail().startsWith("certificate " + first.serial().toString(16) + " "), WAIT);
                BigInteger renewed = d.agent.served().orElseThrow().leaf().serial();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!seen.contains(renewed) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                watching.set(false);
                watcher.join();

                assertThat(renewed).isNotEqualTo(first.serial());
                assertThat(failures).as("no handshake failed during the renewal").isEmpty();
                assertThat(seen).as("the old certificate until the new one, then the new one only").first().isEqualTo(first.serial());
                assertThat(seen.subList(seen.indexOf(renewed), seen.size())).containsOnly(renewed);
                assertThat(seen.subList(0, seen.indexOf(renewed))).containsOnly(first.serial());
                assertThat(Duration.between(Instant.now(), clock.instant()).abs()).as("the device's clock is back (the renewal was seen)")
                        .isLessThan(Duration.ofSeconds(5));

                // the connection opened before the swap: not dropped, still on its old session
                assertThat(get(kept)).as("the kept connection still serves after the swap").isEqualTo(200);
                assertThat(serial(kept)).isEqualTo(first.serial());
            }
            try (SSLSocket fresh = connect(root, port)) {
                assertThat(serial(fresh)).isEqualTo(d.agent.served().orElseThrow().leaf().serial());
            }
            String s = DeviceRunTest.stapled(gw, NAME, ADDRESS, port);
            assertThat(s).contains("Cert Status: good", "Verify return code: 0 (ok)");
            assertThat(d.agent.renewal()).contains("renewal due");
        }
    }

    /**
     * A device that was offline past its certificate's expiry: at its next start (its clock past
     * notAfter) the kept certificate is not served — no HTTPS at all — and the device enrols again
     * by itself, with the same key (same dev-id) and a fresh pairing code in its CSR, and serves the
     * new certificate. (Only the device's clock moves here: by the gateway's, the certificate has not
     * lapsed, so it is issued at once; the gateway's lapse policy is tested in authority and acme.)
     */
    @Test
    void aDeviceOfflinePastItsCertificatesExpiryDoesNotServeItAndEnrolsAgainWithTheSameKey(SharedGateway.Running gw)
            throws Exception {
        Path state = tmp.resolve("lapsed");
        String address = "127.0.41.31";
        Cert first;
        String devId;
        try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "lapsed.home.arpa", address, state))) {
            d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            devId = d.identity.devId();
            Cli.Result approve = Cli.runNow("gateway", "approve", "--dir", gw.dir().toString(), devId);
            assertThat(approve.exit()).as(approve.err()).isZero();
            d.await(Phase.ISSUED, WAIT);
            first = d.agent.served().orElseThrow().leaf();
        }
        MovableClock clock = MovableClock.shifted();
        clock.set(first.notAfter().plus(Duration.ofDays(1))); // back after its certificate expired
        try (InProcessDevice d = InProcessDevice.start(InProcessDevice.at(gw, "lapsed.home.arpa", address, state).withClock(clock))) {
            assertThat(d.identity.created()).isFalse();
            assertThat(d.agent.served()).as("the expired certificate is not served").isEmpty();
            assertThat(d.agent.httpsPort()).isEmpty();
            assertThat(d.agent.certified()).isFalse();
            clock.set(Instant.now()); // the gateway lives in the present: the rest happens on its clock
            d.await(s -> s.phase() == Phase.ISSUED && s.detail().startsWith("certificate ")
                    && !s.detail().startsWith("certificate " + first.serial().toString(16) + " "), WAIT);
            Cert again = d.agent.served().orElseThrow().leaf();
            assertThat(again.serial()).isNotEqualTo(first.serial());
            assertThat(again.spkiDer()).as("the same key: the same device").isEqualTo(first.spkiDer());
            assertThat(d.identity.devId()).isEqualTo(devId);
            assertThat(d.agent.httpsPort()).isPresent();
            assertThat(serialSeen(gw, address, d.agent.httpsPort().orElseThrow())).isEqualTo(again.serial());
        }
    }

    private static BigInteger serialSeen(SharedGateway.Running gw, String address, int port) throws Exception {
        String out = DeviceRunTest.sClient(gw, "lapsed.home.arpa", address, port);
        assertThat(out).contains("Verify return code: 0 (ok)");
        Process p = new ProcessBuilder("openssl", "x509", "-noout", "-serial").redirectErrorStream(true).start();
        p.getOutputStream().write(out.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        return new BigInteger(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().replace("serial=", ""), 16);
    }

    /** A TLS connection trusting the gateway root only, for the device's name; a fresh context, so no session is resumed. */
    private static SSLSocket connect(Cert root, int port) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(root.der())));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(ADDRESS, port);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(NAME)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private static BigInteger serial(SSLSocket s) throws Exception {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    /** One HTTP/1.1 GET / on the connection, reading the whole answer; its status code. */
    private static int get(SSLSocket s) throws IOException {
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + NAME + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection was closed: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        Matcher len = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(h);
        assertThat(len.find()).as("a sized answer: %s", h).isTrue();
        in.readNBytes(Integer.parseInt(len.group(1)));
        assertThat(h).as("not closing the connection").doesNotContainIgnoringCase("connection: close");
        return Integer.parseInt(h.substring(9, 12));
    }
}
