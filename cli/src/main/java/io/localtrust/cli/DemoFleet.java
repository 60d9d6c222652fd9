package io.localtrust.cli;

import io.localtrust.acme.AcmeSettings;
import io.localtrust.login.PasswordHash;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.fleet.AddressRange;
import io.localtrust.fleet.Fleet;
import io.localtrust.fleet.FleetObserver;
import io.localtrust.fleet.FleetSettings;
import io.localtrust.fleet.PracticeMix;
import io.localtrust.fleet.SimulatedDevice;
import io.localtrust.gateway.GatewayServer;
import io.localtrust.gateway.ServerSettings;
import io.localtrust.ladder.Decision;
import io.localtrust.ladder.TrustConfig;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.Practice;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's live part: the demo gateway served for real and a simulated fleet with a device of
 * every practice (the shared ones twice) on 127.0.10.1–9 ({@link Fleet}; the U-L/S one a device agent onboarding through the
 * gateway's ACME, pre-authorised by the owner), each then observed over the network and classified
 * with the fleet view. Stopped when the demo ends; {@code device simulate} keeps a fleet running.
 */
final class DemoFleet {
    static final String ADDRESSES = "127.0.10.1-254";
    private static final Duration ONBOARDING = Duration.ofSeconds(60);
    /** Every practice, the shared ones twice: a key is seen as shared only on two devices (DESIGN.md §2). */
    private static final PracticeMix MIX = new PracticeMix(List.of(Practice.NONE, Practice.NU_SS, Practice.NU_US, Practice.U_SS,
            Practice.U_US, Practice.U_LS, Practice.U_CAS, Practice.NU_SS, Practice.NU_US));

    /**
     * One live device: what it was built as, how it was seen, what the seed's new browser decides
     * over HTTPS ({@code localtrust probe}, empty for a plain-HTTP device) and what Chromium showed
     * ({@link DemoChromium}; empty for plain HTTP or when Chromium was not asked).
     */
    record Row(SimulatedDevice device, DeviceAssessment seen, Optional<Decision> browser, Optional<Chromium.Visit> chromium) {
    }

    /** The live fleet's rows, and why Chromium was not asked, if it was not. */
    record Live(List<Row> rows, Optional<String> chromiumSkipped) {
        static Live none() {
            return new Live(List.of(), Optional.empty());
        }
    }

    private DemoFleet() {
    }

    /**
     * Runs the fleet, classifies and probes it, opens it in Chromium unless {@code chromium} is
     * false, and hands the running fleet and its trust context to {@code alsoScan} last.
     */
    static Live run(Gateway gateway, Approvals approvals, Env env, boolean chromium,
                    java.util.function.BiConsumer<List<SimulatedDevice>, TrustContext> alsoScan) {
        AddressRange range = AddressRange.parse(ADDRESSES);
        int http = freePort(range.addresses().get(0));
        int https = freePort(range.addresses().get(0));
        Made publicCa = CertificateMaker.at(env.clock().instant(), env.random()).commonName("Demo Public CA")
                .organization("Demo Trust Services").ca(0).lifetime(Duration.ofDays(3650)).make();
        ServerSettings loopback = ServerSettings.loopback(0, DemoGateway.httpPort(gateway));
        ServerSettings settings = new ServerSettings(loopback.httpsListen(), loopback.httpListen(), loopback.tlsNames(),
                loopback.pollInterval(), new ServerSettings.Acme(http, ServerSettings.Acme.defaults().validationTlsPort(),
                        AcmeSettings.defaults()));
        byte[] pw = new byte[24];
        env.random().nextBytes(pw);
        Path state = temporary();
        try (GatewayServer server = GatewayServer.start(gateway, settings, env.clock(), env.random())) {
            FleetSettings fs = new FleetSettings(MIX.practices().size(), range, MIX, "home.arpa",
                    Optional.of(server.httpsUrl().resolve("acme/directory")), Optional.of(gateway.root()), state, http, https,
                    PasswordHash.hash(java.util.HexFormat.of().formatHex(pw).toCharArray(), env.random()), Duration.ofMillis(100),
                    Optional.of(publicCa));
            try (Fleet fleet = Fleet.start(fs, Optional.of(id -> approvals.allow(id, Duration.ofMinutes(10), "demo")), env.clock(),
                    env.random(), line -> { })) {
                if (!fleet.awaitOnboarded(ONBOARDING)) {
                    throw new UserError("demo: the simulated device agent did not onboard within " + ONBOARDING.toSeconds() + " s");
                }
                List<Row> rows = DemoBrowser.decide(classify(fleet.devices(), publicCa, gateway, env.clock().instant()),
                        TrustConfig.of(List.of(publicCa.cert()), List.of(gateway.root()), List.of()), env);
                DemoChromium.Outcome seen = chromium ? DemoChromium.visit(rows, List.of(gateway.root(), publicCa.cert()),
                        Optional.ofNullable(System.getenv("PATH")).orElse(""))
                        : DemoChromium.Outcome.skipped("--no-browser");
                List<Row> shown = rows.stream().map(r -> new Row(r.device(), r.seen(), r.browser(),
                        Optional.ofNullable(seen.visits().get(r.device().name())))).toList();
                alsoScan.accept(fleet.devices(), context(publicCa, gateway));
                return new Live(shown, seen.skipped());
            }
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError("demo: the live fleet on " + ADDRESSES + " did not run: " + e.getMessage());
        } finally {
            DeviceSimulateCommand.deleteTemporary(state);
        }
    }

    private static List<Row> classify(List<SimulatedDevice> devices, Made publicCa, Gateway gateway, Instant now) throws IOException {
        FleetObserver observer = new FleetObserver();
        List<DeviceObservation> seen = new ArrayList<>();
        for (SimulatedDevice d : devices) {
            seen.add(observer.observe(d, now));
        }
        TrustContext context = context(publicCa, gateway);
        InMemoryFleet view = InMemoryFleet.of(seen);
        Classifier classifier = Classifier.standard();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            rows.add(new Row(devices.get(i), classifier.classify(seen.get(i), context, view), Optional.empty(), Optional.empty()));
        }
        return rows;
    }

    private static TrustContext context(Made publicCa, Gateway gateway) {
        return new TrustContext(new AnchorSet(AnchorSet.Kind.PUBLIC, "demo public CA", List.of(publicCa.cert())),
                new AnchorSet(AnchorSet.Kind.LOCAL, "demo gateway root", List.of(gateway.root())),
                AnchorSet.empty(AnchorSet.Kind.VENDOR), CompromisedKeys.none());
    }

    private static int freePort(InetAddress a) {
        try (ServerSocket s = new ServerSocket(0, 1, a)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UserError("demo: cannot listen on " + a.getHostAddress() + " (" + e.getMessage() + ")");
        }
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory(DeviceSimulateCommand.TEMP_PREFIX);
        } catch (IOException e) {
            throw new UserError("demo: cannot create a temporary directory: " + e.getMessage());
        }
    }
}
