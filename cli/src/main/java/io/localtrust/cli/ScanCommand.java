package io.localtrust.cli;

import io.localtrust.practice.Classifier;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.json.DeviceJson;
import io.localtrust.scanner.ScanProgress;
import io.localtrust.scanner.ScanResult;
import io.localtrust.scanner.ScanSettings;
import io.localtrust.scanner.Scanner;
import io.localtrust.scanner.Target;
import io.localtrust.scanner.TargetException;
import io.localtrust.scanner.Targets;
import io.localtrust.scanner.report.ScanCsv;
import io.localtrust.scanner.report.ScanHtml;
import io.localtrust.scanner.report.ScanJson;
import io.localtrust.scanner.report.ScanTable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code localtrust scan TARGET…}: every device's certificate practice on a network (docs/scan.md). */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {
            "Find every device's certificate practice on a network.",
            "Probes each TARGET on each port (TLS: the chain as presented and any stapled OCSP response; plain HTTP: "
                    + "whether it redirects to HTTPS), groups the ports by address into devices and classifies each one "
                    + "by the seed's seven practices, with the fleet view: the same key on two addresses is shared. "
                    + "Without --json, --csv or --html a table goes to standard output."},
        footer = {"", "TARGET is one of:",
            "  192.168.1.20              an address",
            "  127.0.3.1-40              a range (the last octet, or a whole address)",
            "  192.168.1.0/24            a CIDR",
            "  printer.home.arpa         a host name (sent as SNI)",
            "  printer.home.arpa:8443    any single host with a port ([fd00::5]:443)",
            "Public addresses are refused unless --allow-public.",
            "", "Examples:",
            "  localtrust scan 192.168.1.0/24",
            "  localtrust scan --local-anchor root.pem --html scan.html 192.168.1.0/24",
            "  localtrust scan --json - --rate 50/s 10.0.0.1-60",
            "", "Exit codes: 0 scanned, 1 internal error, 2 bad input or options."})
final class ScanCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,7})(ms|s|m)?");
    private static final Pattern RATE = Pattern.compile("([0-9]{1,7}(?:\\.[0-9]+)?)(?:/s)?");

    private final Env env;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "Addresses, ranges, CIDRs, host names or host:port.")
    List<String> targets = new ArrayList<>();

    @Mixin
    TrustOptions trust = new TrustOptions();

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--ports", paramLabel = "LIST", defaultValue = "80,443,8443",
            description = "Ports to probe on every target given without one (default: ${DEFAULT-VALUE}).")
    String ports;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON document (schema localtrust.scan/1) to FILE; '-' for standard output.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per device to FILE; '-' for standard output.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report to FILE.")
    Path html;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3s",
            description = "Per connection: connect plus answer, e.g. 3s or 500ms (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--deadline", paramLabel = "DURATION",
            description = "The whole scan, e.g. 2m; probes not started by then are reported unprobed (default: from the work).")
    String deadline;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "256",
            description = "Connections open at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", paramLabel = "N/s", description = "At most N connection attempts per second (default: no cap).")
    String rate;

    @Option(names = "--allow-public", description = "Also scan public addresses. Only networks you are responsible for.")
    boolean allowPublic;

    /** The launcher's training scan (TrainingEndpoints): not for users, so not in the help. */
    @Option(names = "--training-endpoints", hidden = true)
    boolean trainingEndpoints;

    ScanCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!trainingEndpoints) {
            return scan(targets);
        }
        try (TrainingEndpoints endpoints = TrainingEndpoints.start(env.clock())) {
            List<String> all = new ArrayList<>(targets);
            all.addAll(endpoints.targets());
            return scan(all);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new UserError("--training-endpoints: cannot start a TLS endpoint on 127.0.0.1 (" + e.getMessage() + ")");
        }
    }

    private int scan(List<String> targets) throws InterruptedException {
        ScanSettings settings = settings();
        List<Target> parsed;
        try {
            parsed = new Targets(allowPublic, InetAddress::getByName).parse(targets);
        } catch (TargetException e) {
            throw new UserError("TARGET " + e.getMessage());
        }
        Supplier<TrustContext> context = trust.loadAhead(); // the JDK's roots load while the probes run
        if (json != null || html != null) { // and the JSON writer is built
            Thread.ofPlatform().daemon().name("report-writer").start(DeviceJson::prepare);
        }
        boolean bar = ScanProgressBar.onTerminal();
        ScanProgressBar progress = new ScanProgressBar(env.err());
        ScanResult result = new Scanner(settings, Classifier.standard(), env.clock())
                .scan(parsed, targets, context, bar ? progress : ScanProgress.none());
        progress.finish();
        boolean files = json != null || csv != null || html != null;
        if (json != null) {
            write(json, "--json", ScanJson.document(result));
        }
        if (csv != null) {
            write(csv, "--csv", ScanCsv.document(result));
        }
        if (html != null) {
            write(html, "--html", ScanHtml.document(result));
        }
        if (!files) {
            env.out().print(ScanTable.render(result));
        } else if (!isStdout(json) && !isStdout(csv)) {
            env.out().println(ScanTable.summary(result));
            for (Path p : new Path[] {json, csv, html}) {
                if (p != null) {
                    env.out().println("wrote " + p.toAbsolutePath());
                }
            }
        }
        env.out().flush();
        return 0;
    }

    private ScanSettings settings() {
        List<Integer> list = new ArrayList<>();
        for (String p : ports.split(",", -1)) {
            String t = p.trim();
            if (!t.matches("[0-9]{1,5}") || Integer.parseInt(t) < 1 || Integer.parseInt(t) > 65_535) {
                throw new UserError("--ports: '" + t + "' is not a port from 1 to 65535 (give a list like 80,443,8443)");
            }
            if (!list.contains(Integer.parseInt(t))) {
                list.add(Integer.parseInt(t));
            }
        }
        if (concurrency < 1 || concurrency > 10_000) {
            throw new UserError("--concurrency: " + concurrency + " is outside 1 to 10000");
        }
        Duration t = duration("--timeout", timeout);
        if (t.compareTo(Duration.ofMillis(50)) < 0 || t.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new UserError("--timeout: " + timeout + " is outside 50ms to 5m");
        }
        Optional<Duration> d = deadline == null ? Optional.empty() : Optional.of(duration("--deadline", deadline));
        OptionalDouble r = OptionalDouble.empty();
        if (rate != null) {
            Matcher m = RATE.matcher(rate.trim());
            if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
                throw new UserError("--rate: '" + rate + "' is not a rate such as 100/s");
            }
            r = OptionalDouble.of(Double.parseDouble(m.group(1)));
        }
        return new ScanSettings(list, t, concurrency, r, d);
    }

    private static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new UserError(option + ": '" + text + "' is not a duration such as 3s, 500ms or 2m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new UserError(option + ": '" + text + "' is zero");
        }
        return d;
    }

    private static boolean isStdout(Path p) {
        return p != null && p.toString().equals("-");
    }

    private void write(Path p, String option, String text) {
        if (isStdout(p)) {
            env.out().print(text);
            return;
        }
        try {
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserError(option + ": the directory " + parent + " does not exist");
            }
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(option + ": cannot write " + p + " (" + e.getMessage() + ")");
        }
    }
}
