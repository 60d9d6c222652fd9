package io.localtrust.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.onboarding.ChallengeAnswers;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.stapling.Stapler;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.agent.web.DeviceView;
import io.localtrust.login.LoginGuard;
import io.localtrust.login.PasswordHash;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.CertificateMaker;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many device servers in one JVM share one {@link AgentRuntime}: platform threads do not grow
 * with the number of devices (on Java 25+, where selector loops run on virtual threads), one
 * device's server stopping leaves the others serving, and each device keeps its own TLS identity.
 */
class AgentRuntimeTest {
    /** More than Jetty's default bound of 200 concurrent virtual-thread tasks, which selector loops hold for good. */
    private static final int DEVICES = 120;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard: a starved selector makes a server's start wait forever
    void serversShareThreadsButKeepTheirOwnCertificate() throws Exception {
        Made ca = CertificateMaker.at(clock.instant(), random).commonName("runtime test CA").ca(0).make();
        String hash = PasswordHash.hash("runtime test password".toCharArray(), random);
        List<AgentServer> servers = new ArrayList<>();
        List<BigInteger> serials = new ArrayList<>();
        try (AgentRuntime runtime = AgentRuntime.start()) {
            int before = ManagementFactory.getThreadMXBean().getThreadCount();
            try {
                for (int i = 1; i <= DEVICES; i++) {
                    InetAddress a = InetAddress.getByName("127.0.21." + i);
                    AgentServer s = AgentServer.start(runtime, new AgentServer.Listen(a, 0, 0), new View("d" + i + ".home.arpa"),
                            new ChallengeAnswers(), new LoginGuard(hash, clock, random), List.of());
                    servers.add(s);
                    Made leaf = CertificateMaker.at(clock.instant(), random).commonName("d" + i).issuer(ca).ip(a.getHostAddress())
                            .serverAuth().make();
                    s.install(new DeviceKey(leaf.keyPair().getPrivate(), leaf.keyPair().getPublic(), Optional.empty(), "test key"),
                            CertChain.of(List.of(leaf.cert(), ca.cert())));
                    serials.add(leaf.cert().serial());
                }
                for (int i = 0; i < DEVICES; i++) {
                    InetAddress a = InetAddress.getByName("127.0.21." + (i + 1));
                    assertThat(httpStatus(a, servers.get(i).httpPort())).as("device %d over HTTP", i + 1).isEqualTo(200);
                }
                int grown = ManagementFactory.getThreadMXBean().getThreadCount() - before;
                String names = String.join(", ", Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
                if (Runtime.version().feature() >= AgentRuntime.VIRTUAL_SELECTORS_FROM) {
                    // each server alone used to start a thread pool minimum, a timer and two selector threads
                    assertThat(grown).as("platform threads added by %d servers (now: %s)", DEVICES, names)
                            .isLessThan(8);
                } else {
                    assertThat(grown).as("platform threads added by %d servers", DEVICES).isLessThanOrEqualTo(2 * DEVICES + 8);
                }

                servers.get(0).close();
                for (int i = 1; i < DEVICES; i++) {
                    InetAddress a = InetAddress.getByName("127.0.21." + (i + 1));
                    assertThat(httpStatus(a, servers.get(i).httpPort())).as("device %d after device 1 stopped", i + 1).isEqualTo(200);
                }
            } finally {
                servers.forEach(AgentServer::close);
            }
        }
    }

    /** The status code of {@code GET /} over plain HTTP/1.1 on a blocking socket (no client threads to count). */
    private static int httpStatus(InetAddress a, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a, port), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + a.getHostAddress() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    /** The serial of the leaf a TLS handshake with the server presents. */
    private static BigInteger servedSerial(InetAddress a, int port) throws Exception {
        X509Certificate[] seen = new X509Certificate[1];
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0]; // records what was presented; nothing is sent over this connection
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, random());
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(a, port), 5000);
            s.setSoTimeout(5000);
            s.startHandshake();
        }
        return seen[0].getSerialNumber();
    }

    private static SecureRandom random() {
        return new SecureRandom();
    }

    private record View(String name) implements DeviceView {
        @Override
        public String devId() {
            return "TESTDEVID";
        }

        @Override
        public OnboardingStatus onboarding() {
            return OnboardingStatus.of(OnboardingStatus.Phase.CONTACTING, "testing", Instant.EPOCH);
        }

        @Override
        public Optional<CertChain> served() {
            return Optional.empty();
        }

        @Override
        public boolean certified() {
            return false;
        }

        @Override
        public Stapler.View stapling() {
            return new Stapler.View(Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public String renewal() {
            return "none";
        }

        @Override
        public Optional<String> clockWarning() {
            return Optional.empty();
        }
    }
}
