package io.localtrust.cli;

import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.FleetView;
import io.localtrust.practice.Practice;
import io.localtrust.practice.Verdict;
import io.localtrust.practice.context.Anchors;
import io.localtrust.practice.context.ContextException;
import io.localtrust.practice.json.DeviceJson;
import io.localtrust.practice.sample.SampleDevice;
import io.localtrust.practice.sample.SampleNetwork;
import io.localtrust.practice.sample.SampleNetworks;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import java.time.Instant;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCeremony;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code localtrust demo}: the main job on embedded defaults. Generates a sample network with
 * devices of every practice, classifies each, and prints the verdicts with their reasons.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Classify a generated sample network with a device of every practice.",
            "Generates a sample home network — a device of every certificate practice the seed names, "
                    + "plus weak, revoked and leaked-key devices — classifies each, and prints a table of verdicts. "
                    + "The U-L/S devices onboard through ACME with a real gateway served on 127.0.0.1 "
                    + "(in a temporary directory unless --keep); the other certificates are made in memory. "
                    + "Then the gateway is served with a live simulated fleet on 127.0.10.x — a device of every practice, "
                    + "the U-L/S one a device agent onboarding through ACME — each device seen over the network and classified, "
                    + "judged by the decision ladder and opened in Debian's headless Chromium trusting the gateway root "
                    + "(the U-L/S one must load with a padlock; without chromium and certutil the demo says so and goes on). "
                    + "Last, the gateway's web console opens on 127.0.0.1 (URL and password printed) with the fleet and one device "
                    + "waiting for approval: open until Ctrl-C on a terminal or with --console, else the demo exits."},
        footer = {"", "Exit codes: 0 every sample classified as built, 1 a sample was misclassified or the U-L/S device "
                + "got no padlock (a bug) or an internal error, 2 bad options."})
final class DemoCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--json", description = "Print the devices as the inspect/scan JSON records instead of a table.")
    boolean json;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Create the demo gateway in DIR and keep it (default: a temporary directory, deleted afterwards).")
    Path keep;

    @Option(names = "--no-browser", description = "Do not open the live fleet in Chromium (the decision ladder's verdicts stay).")
    boolean noBrowser;

    @Option(names = "--no-jdk-roots", description = "Judge against the simulated public CA only, not the JDK's roots too.")
    boolean noJdkRoots;

    @Option(names = "--console", description = "Keep the demo gateway's web console open until Ctrl-C even when not on a terminal "
            + "(on a terminal it stays open anyway; its URL and password are printed either way).")
    boolean console;

    DemoCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws ContextException {
        List<Cert> jdkRoots = noJdkRoots ? List.of() : Anchors.jdkCacerts(new CertificateReader()).certs();
        Instant now = env.clock().instant();
        Path dir = gatewayDir();
        try (Gateway gateway = DemoGateway.create(dir, env)) {
            List<String> story = new ArrayList<>();
            SampleNetwork network;
            try (DemoAcmeFront front = DemoAcmeFront.start(gateway, env)) {
                Approvals approvals = new Approvals(gateway.store(), gateway.config().names(), env.clock());
                story.add("gateway serving ACME at " + front.directory());
                network = new SampleNetworks(now, env.random()).generate(jdkRoots,
                        new GatewayLocalCa(gateway, approvals, front.client(approvals, env, story::add)));
            }
            long t0 = System.nanoTime();
            DemoScan scan = new DemoScan(env);
            DemoFleet.Live live = json ? DemoFleet.Live.none()
                    : DemoFleet.run(gateway, new Approvals(gateway.store(), gateway.config().names(), env.clock()), env, !noBrowser,
                            scan::scan);
            long liveMs = (System.nanoTime() - t0) / 1_000_000;
            int result = report(network, now, gateway, story);
            int seenAsBuilt = live(live, liveMs);
            int publicName = json ? 0 : DemoNames.run(env); // U-CA/S through a names service and pebble (docs/names.md)
            int outcome = scan.print() && seenAsBuilt == 0 && publicName == 0 ? result : 1;
            if (json && !console) {
                return outcome;
            }
            // The console, with the fleet and a device waiting; open until Ctrl-C on a terminal or with --console.
            return DemoConsole.keepOrClose(DemoConsole.open(gateway, env, scan.result()), env, console || ScanProgressBar.onTerminal(),
                    outcome, () -> {
                        if (keep == null) {
                            DemoGateway.delete(dir); // Ctrl-C ends the JVM before the finally below
                        }
                    });
        } catch (io.localtrust.store.StoreException e) {
            throw new UserError(e.getMessage());
        } finally {
            if (keep == null) {
                DemoGateway.delete(dir);
            }
        }
    }

    private Path gatewayDir() {
        if (keep != null) {
            return keep;
        }
        try {
            return java.nio.file.Files.createTempDirectory("localtrust-demo-").resolve("gateway");
        } catch (java.io.IOException e) {
            throw new UserError("cannot create a temporary directory for the demo gateway: " + e.getMessage());
        }
    }

    /**
     * The live fleet's table; returns how many devices were seen as another practice than they were
     * built as, plus a U-L/S device without its padlock (by the ladder, or by Chromium when asked).
     */
    private int live(DemoFleet.Live live, long ms) {
        List<DemoFleet.Row> rows = live.rows();
        if (rows.isEmpty()) {
            return 0;
        }
        int wrong = 0;
        boolean chromium = live.chromiumSkipped().isEmpty();
        List<String> columns = new ArrayList<>(List.of("DEVICE", "ADDRESS", "BUILT AS", "URL", "SEEN AS", "NEW BROWSER (localtrust probe)"));
        if (chromium) {
            columns.add("CHROMIUM (gateway root installed)");
        }
        Table t = new Table(columns.toArray(new String[0]));
        for (DemoFleet.Row r : rows) {
            if (r.seen().practice() != r.device().practice()) {
                wrong++;
                env.err().println("localtrust: live demo device " + r.device().name() + " was built as " + r.device().practice()
                        + " but classified " + r.seen().practice());
            }
            if (r.device().practice() == Practice.U_LS
                    && !r.browser().map(d -> d.verdict() == io.localtrust.ladder.Verdict.TRUSTED_LOCAL && d.has("OCSP_GOOD")).orElse(false)) {
                wrong++;
                env.err().println("localtrust: live demo device " + r.device().name() + " (U-L/S) got no padlock with a stapled OCSP "
                        + "response: " + r.browser().map(d -> d.verdict() + " — " + d.summary()).orElse("not probed"));
            }
            if (chromium && r.device().practice() == Practice.U_LS && !r.chromium().map(Chromium.Visit::padlock).orElse(false)) {
                wrong++;
                env.err().println("localtrust: live demo device " + r.device().name() + " (U-L/S) did not load with a padlock in "
                        + "Chromium: " + DemoChromium.cell(r.chromium()));
            }
            List<String> cells = new ArrayList<>(List.of(r.device().name(), r.device().address(), r.device().practice().seedLabel(),
                    r.device().url().toString(), r.seen().practice().seedLabel(), DemoBrowser.cell(r.browser())));
            if (chromium) {
                cells.add("https".equals(r.device().url().getScheme()) ? DemoChromium.cell(r.chromium()) : "not secure (HTTP)");
            }
            t.row(cells.toArray(new String[0]));
        }
        env.out().println();
        env.out().println("Live: the gateway served on 127.0.0.1 and a simulated fleet, a device of every practice on "
                + "127.0.10.x (the U-L/S one a device agent that onboarded through the gateway's ACME), each seen over "
                + "the network and classified, in " + ms + " ms; stopped as the demo ends (localtrust device simulate keeps "
                + "a fleet running). NEW BROWSER is the seed's decision ladder over HTTPS with the gateway root "
                + "installed: the U-L/S device loads with a padlock, its OCSP response stapled"
                + (chromium ? ". CHROMIUM is Debian's headless Chromium, the gateway root (and the demo's public CA) in its "
                        + "NSS database, opening each device by name: the U-L/S device loads with no certificate error, "
                        + "Chromium's padlock and window.isSecureContext true:" : ":"));
        env.out().print(t.render(48));
        live.chromiumSkipped().filter(why -> !why.equals("--no-browser"))
                .ifPresent(why -> env.out().println("Chromium not asked: " + why + "; the NEW BROWSER column is the decision ladder's only."));
        env.out().println();
        env.out().flush();
        return wrong;
    }

    private int report(SampleNetwork network, Instant now, Gateway gateway, List<String> story) {
        FleetView fleet = network.fleet();
        Classifier classifier = Classifier.standard();
        List<DeviceAssessment> assessments = new ArrayList<>();
        int wrong = 0;
        Table table = new Table("DEVICE", "ADDRESS", "PRACTICE", "KEY", "VERDICT", "REASON");
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (SampleDevice d : network.devices()) {
            DeviceAssessment a = classifier.classify(d.observation(), network.context(), fleet);
            assessments.add(a);
            if (a.practice() != d.expected()) {
                wrong++;
                env.err().println("localtrust: demo device " + d.name() + " was built as " + d.expected()
                        + " but classified " + a.practice());
            }
            Verdict v = Verdict.of(a.practice(), a.findings());
            verdicts.merge(v, 1, Integer::sum);
            table.row(d.name(), d.observation().address().orElse("-"), a.practice().seedLabel(),
                    a.uniqueness().id(), v.text(), a.reason());
        }
        if (json) {
            env.out().println(DeviceJson.inspectDocument(assessments, now));
            return wrong == 0 ? 0 : 1;
        }
        env.out().println("localtrust demo: a generated home network of " + network.devices().size()
                + " devices, classified into the seed's certificate practices");
        env.out().println("(public roots: " + network.context().publicRoots().source() + "; local anchor: "
                + network.context().localAnchors().source() + "; vendor anchor: "
                + network.context().vendorAnchors().source() + ")");
        env.out().println("The U-L/S devices onboarded through ACME with a real gateway: key ceremony (name-constrained root "
                + KeyCeremony.colonFingerprint(gateway.root()).substring(0, 23) + "…),");
        env.out().println("account, order, http-01, finalize, owner approval, issuance; revocation and OCSP through its authority"
                + (keep == null ? " (in a temporary directory, now deleted)." : " — kept in " + keep + "."));
        env.out().println();
        story.forEach(line -> env.out().println("  " + line));
        env.out().println();
        env.out().print(table.render(96));
        env.out().println();
        StringBuilder summary = new StringBuilder("Summary:");
        verdicts.forEach((v, n) -> summary.append(' ').append(n).append(' ').append(v.text()).append(','));
        summary.setLength(summary.length() - 1);
        env.out().println(summary);
        env.out().println("Practices: null = plain HTTP; NU = one key in every unit; U-S/S, U-U/S = unique but unverifiable;");
        env.out().println("U-L/S = certified by your gateway; U-CA/S = certified by a public CA. "
                + "Details: localtrust inspect FILE, or demo --json.");
        env.out().flush();
        return wrong == 0 ? 0 : 1;
    }
}
