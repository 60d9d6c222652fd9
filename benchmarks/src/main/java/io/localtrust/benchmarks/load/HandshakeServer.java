package io.localtrust.benchmarks.load;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.onboarding.ChallengeAnswers;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.stapling.Stapler;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.agent.web.DeviceView;
import io.localtrust.login.LoginGuard;
import io.localtrust.login.PasswordHash;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import java.net.InetAddress;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.conscrypt.Conscrypt;

/**
 * The device agent's HTTPS server ({@link AgentServer}, exactly as {@code device run} configures it)
 * with a P-256 key and a two-certificate chain made here, for {@code benchmarks/load/tls-configs.sh}:
 * the script starts it once per JSSE configuration (system properties such as
 * {@code jdk.tls.namedGroups} or {@code jdk.tls.server.newSessionTicketCount}) and measures full
 * handshakes with {@code openssl s_time -new} against it and against {@code openssl s_server} in the
 * same run. {@code -Dhandshake.conscrypt=true} puts Conscrypt first among the JCA providers, so the agent's
 * {@code SSLContext} is BoringSSL's (measured, not what the agent uses: it has no stapling API). Prints {@code listening HOST:PORT} and serves until killed.
 *
 * <p>Usage: {@code HandshakeServer ADDRESS PORT [STATEFUL-PORT]}: with a third argument a second server, in the
 * same JVM, uses stateful session tickets ({@code benchmarks/load/tls-tickets.sh} alternates the two).
 */
public final class HandshakeServer {
    private HandshakeServer() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        Made ca = CertificateMaker.at(clock.instant(), random).commonName("handshake bench CA").ca(0).make();
        Made leaf = CertificateMaker.at(clock.instant(), random).commonName("bench.home.arpa").issuer(ca).dns("bench.home.arpa")
                .ip(address.getHostAddress()).serverAuth().make();
        if (Boolean.getBoolean("handshake.conscrypt")) {
            // A measured alternative only: Conscrypt (BoringSSL) first, so the agent's SSLContext.getInstance("TLS") is
            // Conscrypt's. It ignores the JDK's stapling properties: no OCSP staple with it (tls-configs.sh says so).
            Security.insertProviderAt(Conscrypt.newProvider(), 1);
        }
        AgentRuntime runtime = AgentRuntime.start();
        AgentServer server = AgentServer.start(runtime, new AgentServer.Listen(address, 0, port), new View(),
                new ChallengeAnswers(), new LoginGuard(PasswordHash.hash("handshake bench".toCharArray(), random), clock, random),
                List.of());
        // the key object a device's PKCS#12 file gives the agent (the JDK's), not the Bouncy Castle one made here
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(leaf.keyPair().getPrivate().getEncoded()));
        server.install(new DeviceKey(key, leaf.keyPair().getPublic(), Optional.empty(), "bench key"),
                CertChain.of(List.of(leaf.cert(), ca.cert())));
        if (args.length > 2) {
            // A second device server in the same JVM (same JIT state, same runtime) whose TLS context is made with
            // stateful tickets: the property is read when a context is made, so both kinds live side by side.
            AgentServer stateful = AgentServer.start(runtime, new AgentServer.Listen(address, 0, Integer.parseInt(args[2])), new View(),
                    new ChallengeAnswers(), new LoginGuard(PasswordHash.hash("handshake bench".toCharArray(), random), clock, random),
                    List.of());
            String property = "jdk.tls.server.enableSessionTicketExtension";
            String before = System.getProperty(property);
            System.setProperty(property, "false");
            stateful.install(new DeviceKey(key, leaf.keyPair().getPublic(), Optional.empty(), "bench key"),
                    CertChain.of(List.of(leaf.cert(), ca.cert())));
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
            System.out.println("stateful " + address.getHostAddress() + ":" + stateful.httpsPort().orElseThrow());
        }
        System.out.println("listening " + address.getHostAddress() + ":" + server.httpsPort().orElseThrow());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static final class View implements DeviceView {
        @Override
        public String name() {
            return "bench.home.arpa";
        }

        @Override
        public String devId() {
            return "benchbenchbenchbenchbenchb";
        }

        @Override
        public OnboardingStatus onboarding() {
            return OnboardingStatus.of(OnboardingStatus.Phase.ISSUED, "benchmark", Instant.EPOCH);
        }

        @Override
        public Optional<CertChain> served() {
            return Optional.empty();
        }

        @Override
        public boolean certified() {
            return true;
        }

        @Override
        public Stapler.View stapling() {
            return new Stapler.View(Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public String renewal() {
            return "benchmark";
        }

        @Override
        public Optional<String> clockWarning() {
            return Optional.empty();
        }
    }
}
