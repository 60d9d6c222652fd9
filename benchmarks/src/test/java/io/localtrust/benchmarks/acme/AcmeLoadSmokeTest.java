package io.localtrust.benchmarks.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.acme.AcmeSettings;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.NamePolicy;
import io.localtrust.gateway.GatewayServer;
import io.localtrust.gateway.ServerSettings;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.locality.Cidr;
import io.localtrust.x509.KeyKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the ACME load harness from rotting: its client flow, challenge server and provider against a
 * real gateway server (key ceremony, SQLite store, ACME over HTTPS) in this JVM, for two
 * certificates — each checked by the flow and here against the gateway's root. No timing is
 * asserted: the figures are BENCHMARKS.md's business.
 */
class AcmeLoadSmokeTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    @Test
    void theHarnessFlowOnboardsTwoDevicesThroughARealGateway() throws Exception {
        Path dir = tmp.resolve("gw");
        List<Cidr> ips = new ArrayList<>(NamePolicy.defaults().ipRanges());
        ips.add(Cidr.parse("127.0.0.0/8"));
        new KeyCeremony(Clock.systemUTC(), RANDOM).perform(new CeremonySpec(dir, "Smoke gateway",
                new NamePolicy(NamePolicy.defaults().dnsSubtrees(), ips), KeyKind.EC_P256, Duration.ofDays(90),
                "http://127.0.0.1:8080"), "smoke test passphrase".toCharArray());
        List<InetAddress> devices = List.of(InetAddress.getByName("127.0.1.1"), InetAddress.getByName("127.0.1.2"));
        int port = freePort(devices.get(0));
        try (Gateway gateway = Gateway.open(dir, CompromisedKeys.none(), Clock.systemUTC(), RANDOM)) {
            new Approvals(gateway.store(), gateway.config().names(), Clock.systemUTC())
                    .allow(devices.stream().map(InetAddress::getHostAddress).toList(), Duration.ofHours(1), "smoke-test");
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            ServerSettings settings = new ServerSettings(new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0),
                    List.of(ServerSettings.DEFAULT_NAME), ServerSettings.DEFAULT_POLL,
                    new ServerSettings.Acme(port, 443, AcmeSettings.defaults()));
            GatewayServer server = GatewayServer.start(gateway, settings, Clock.systemUTC(), RANDOM);
            LongAdder requests = new LongAdder();
            LongAdder connections = new LongAdder();
            try (ChallengeServer challenges = ChallengeServer.start(devices, port);
                 TrustingProvider provider = new TrustingProvider(
                         TrustingProvider.counting(TrustingProvider.trusting(dir.resolve("root.pem")), connections), requests)) {
                URI directory = URI.create(server.httpsUrl() + "acme/directory");
                List<X509Certificate> leaves = new ArrayList<>();
                for (InetAddress device : devices) {
                    CertificateFlow flow = new CertificateFlow(directory, provider, challenges, device, Duration.ofMillis(10), RANDOM);
                    List<X509Certificate> chain = flow.run();
                    assertVerifies(chain, dir.resolve("root.pem"));
                    leaves.add(chain.get(0));
                }
                assertThat(leaves.get(0).getPublicKey()).as("a fresh device key each time").isNotEqualTo(leaves.get(1).getPublicKey());
                assertThat(challenges.served()).as("the gateway fetched each token from the challenge server").isGreaterThanOrEqualTo(2);
                assertThat(requests.sum()).as("account, order, authorization, challenge, finalize, download: twice").isGreaterThanOrEqualTo(14);
                // acme4j sends every request of both flows through the one HttpClient: a gateway that keeps
                // its connections open serves them on one or two TLS connections (the JDK client returns a
                // connection to its pool only after the response body completes, so a request sent at that
                // instant may open a second one: CI saw 2 for 20 requests); a handshake per request — what
                // `Connection: close` or a short idle timeout would cost — is far above a quarter of them
                assertThat(connections.sum()).as("TLS connections for %d requests", requests.sum())
                        .isBetween(1L, requests.sum() / 4);
            } finally {
                server.close();
            }
        }
    }

    @Test
    void badOptionsAreNamedInOneLine() throws Exception {
        Path pem = Files.writeString(tmp.resolve("trust.pem"), "x");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--trust", pem.toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--directory and --trust are required");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--directory", "http://127.0.0.1/dir", "--trust", pem.toString()}))
                .hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--directory", "https://127.0.0.1/dir", "--trust", pem.toString(),
                "--clients", "many"})).hasMessageContaining("--clients takes a number");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--directory", "https://127.0.0.1/dir", "--trust", pem.toString(),
                "--first-address", "10.0.0.1"})).hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--directory", "https://127.0.0.1/dir", "--trust", pem.toString(),
                "--first-address", "127.0.1.250", "--clients", "8"})).hasMessageContaining("no room for 8 clients");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--directory", "https://127.0.0.1/dir", "--trust",
                tmp.resolve("missing.pem").toString()})).hasMessageContaining("no such readable file");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--bogus", "1"})).hasMessageContaining("unknown option --bogus");
        LoadOptions o = LoadOptions.parse(new String[] {"--directory", "https://127.0.0.1/dir", "--trust", pem.toString(),
                "--clients", "3", "--first-address", "127.0.2.10"});
        assertThat(o.addresses()).extracting(InetAddress::getHostAddress).containsExactly("127.0.2.10", "127.0.2.11", "127.0.2.12");
    }

    @Test
    void theReportCountsOnlyTheMeasuredPeriod() {
        long[] latencies = new long[100];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = (i + 1) * 1_000_000L; // 1..100 ms
        }
        LoadReport r = new LoadReport("gateway", 4, Duration.ofSeconds(10), latencies, 0, List.of(), 1_100, 5, 100,
                Optional.of(Duration.ofMillis(500)), Optional.of(Duration.ofMillis(300)), Optional.empty(), Optional.empty());
        assertThat(r.perSecond()).isEqualTo(10.0);
        assertThat(r.percentileMillis(0.5)).isEqualTo(50.0);
        assertThat(r.percentileMillis(0.99)).isEqualTo(99.0);
        assertThat(r.format()).contains("RESULT server=gateway clients=4 certificates=100 seconds=10.0 rate=10.00 p50_ms=50.0"
                + " p99_ms=99.0 requests_per_cert=11.0 server_cpu_ms_per_cert=5.00 server_work_ms_per_cert=3.00"
                + " client_cpu_ms_per_cert=-1.00 client_work_ms_per_cert=-1.00 connections_per_cert=0.050 errors=0");
    }

    private static void assertVerifies(List<X509Certificate> chain, Path rootPem) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate root;
        try (var in = Files.newInputStream(rootPem)) {
            root = (X509Certificate) cf.generateCertificate(in);
        }
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain), pkix);
    }

    private static int freePort(InetAddress at) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, at)) {
            return s.getLocalPort();
        }
    }
}
