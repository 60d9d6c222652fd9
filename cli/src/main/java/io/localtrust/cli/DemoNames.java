package io.localtrust.cli;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.agent.publicname.DeviceAddress;
import io.localtrust.agent.publicname.NameServiceClient;
import io.localtrust.agent.publicname.PublicNameDevice;
import io.localtrust.agent.publicname.PublicNameEnrolment;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.login.PasswordHash;
import io.localtrust.fleet.FleetObserver;
import io.localtrust.fleet.SimulatedDevice;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.names.NamesService;
import io.localtrust.names.NamesSettings;
import io.localtrust.names.NamesZone;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.api.ApiTls;
import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.NamesStores;
import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.Practice;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.x509.CertificateReader;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The demo's U-CA/S part (docs/names.md): a names service for {@code devices.example.net} and
 * Debian's pebble as the public CA (skipped, saying so, when pebble is not installed), one device
 * that registers by proof of its key and gets {@code *.<dev-id>.devices.example.net} by DNS-01,
 * then observed over the network and classified with pebble's root as the public anchor.
 */
final class DemoNames {
    private static final Duration CERTIFIED = Duration.ofSeconds(90);

    private DemoNames() {
    }

    /** Prints the part; 0 when the device was classified U-CA/S (or pebble is missing), 1 otherwise. */
    static int run(Env env) {
        if (!DemoPebble.installed()) {
            env.out().println("U-CA/S through a names service: skipped (pebble, the test public CA, is not installed: apt-get install pebble)");
            return 0;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(DeviceSimulateCommand.TEMP_PREFIX);
        } catch (java.io.IOException e) {
            throw new UserError("demo: cannot create a temporary directory: " + e.getMessage());
        }
        InetAddress lo = InetAddress.getLoopbackAddress();
        ApiTls tls = ApiTls.selfSigned(List.of("localhost"), List.of("127.0.0.1"), env.clock().instant(), env.random());
        NamesSettings settings = new NamesSettings(NamesZone.of("devices.example.net", List.of(), Optional.empty()),
                new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0), DnsLimits.defaults(), ApiLimits.defaults());
        try (NamesStore store = NamesStores.sqlite(dir.resolve("names.db"));
             NamesService names = NamesService.start(settings, store, tls, env.clock(), env.random());
             DemoPebble pebble = new DemoPebble(dir.resolve("pebble"), names.dnsAddress(), env.clock().instant(), env.random())) {
            NameServiceClient client = new NameServiceClient(URI.create("https://127.0.0.1:" + names.apiAddress().getPort()), trusting(tls.chainPem()));
            DeviceIdentity identity = DeviceIdentity.open(new DeviceIdentity.Request(new StateDir(dir.resolve("device")), "device",
                    Optional.empty(), false), env.clock(), env.random());
            PublicNameEnrolment enrolment = new PublicNameEnrolment(URI.create(pebble.directory()),
                    new GatewayAcmeProvider(new CertificateReader().read(pebble.wfeCert).getFirst(), env.clock()), client,
                    Duration.ofMillis(200), Duration.ofSeconds(60), env.clock(), step -> { });
            byte[] pw = new byte[24];
            env.random().nextBytes(pw);
            try (AgentRuntime runtime = AgentRuntime.start();
                 PublicNameDevice device = PublicNameDevice.start(identity, new StateDir(dir.resolve("device")), client, enrolment,
                    runtime, new AgentServer.Listen(lo, 0, freePort()), DeviceAddress.fixed(lo), PublicNameDevice.ADDRESS_CHECK,
                    PasswordHash.hash(java.util.HexFormat.of().formatHex(pw).toCharArray(), env.random()), Duration.ofSeconds(2),
                    env.clock(), env.random(), s -> { })) {
                long deadline = System.nanoTime() + CERTIFIED.toNanos();
                while (!device.certified() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                if (!device.certified()) {
                    throw new UserError("demo: the public-name device was not certified within " + CERTIFIED.toSeconds() + " s: "
                            + device.onboarding().detail());
                }
                String host = NameServiceClient.label(lo) + "." + device.fulldomain().orElseThrow();
                int port = device.httpsPort().orElseThrow();
                DeviceObservation seen = new FleetObserver().observe(new SimulatedDevice(host, "127.0.0.1", Practice.U_CAS,
                        URI.create("https://127.0.0.1:" + port + "/"), Optional.of(identity.devId()), "certified"), env.clock().instant());
                TrustContext context = new TrustContext(new AnchorSet(AnchorSet.Kind.PUBLIC, "pebble (the demo's public CA)",
                        new CertificateReader().parse(root(pebble).getBytes(StandardCharsets.US_ASCII))),
                        AnchorSet.empty(AnchorSet.Kind.LOCAL), AnchorSet.empty(AnchorSet.Kind.VENDOR), CompromisedKeys.none());
                DeviceAssessment a = Classifier.standard().classify(seen, context, InMemoryFleet.of(List.of(seen)));
                env.out().println("U-CA/S through a names service (devices.example.net; DNS " + names.dnsAddress().getPort()
                        + ", API " + names.apiAddress().getPort() + "; pebble as the public CA):");
                env.out().println("  device dev-id " + identity.devId() + " registered by proof of its key, certified "
                        + device.served().orElseThrow().leaf().dnsNames() + " by DNS-01");
                env.out().println("  https://" + host + ":" + port + "/  seen as " + a.practice().seedLabel());
                env.out().flush();
                return a.practice() == Practice.U_CAS ? 0 : 1;
            }
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError("demo: the names service part did not run: " + e.getMessage());
        } finally {
            DeviceSimulateCommand.deleteTemporary(dir);
        }
    }

    private static String root(DemoPebble pebble) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(trusting(Files.readString(pebble.wfeCert))).build();
        return c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + pebble.managementPort + "/roots/0")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static SSLContext trusting(String pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("t", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
