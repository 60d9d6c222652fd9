package io.localtrust.cli;

import io.localtrust.fleet.SimulatedDevice;
import io.localtrust.practice.Classifier;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.scanner.ScanProgress;
import io.localtrust.scanner.ScanResult;
import io.localtrust.scanner.ScanSettings;
import io.localtrust.scanner.Scanner;
import io.localtrust.scanner.TargetException;
import io.localtrust.scanner.Targets;
import io.localtrust.scanner.report.ScanHtml;
import io.localtrust.scanner.report.ScanTable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The demo's last act: {@code localtrust scan} run over the live simulated fleet while it serves
 * (every device's address and port as a target), then, at the end of the demo, the scan's table
 * and an HTML report in a temporary file whose path is printed.
 */
final class DemoScan {
    private final Env env;
    private Optional<ScanResult> result = Optional.empty();
    private Optional<String> failure = Optional.empty();

    DemoScan(Env env) {
        this.env = env;
    }

    /** Scans the running fleet; called while it serves. */
    void scan(List<SimulatedDevice> devices, TrustContext context) {
        List<String> typed = devices.stream().map(d -> d.address() + ":" + d.url().getPort()).toList();
        try {
            result = Optional.of(new Scanner(ScanSettings.defaults(), Classifier.standard(), env.clock())
                    .scan(new Targets(false, InetAddress::getByName).parse(typed), typed, context, ScanProgress.none()));
        } catch (TargetException e) {
            failure = Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of("interrupted");
        }
    }

    /** The scan of the live fleet, once it ran. */
    Optional<ScanResult> result() {
        return result;
    }

    /** Prints the table and writes the report; false when the scan could not run or missed a device. */
    boolean print() {
        if (result.isEmpty() && failure.isEmpty()) {
            return true; // no live fleet (--json)
        }
        if (failure.isPresent()) {
            env.err().println("localtrust: demo: the scan of the live fleet did not run: " + failure.get());
            return false;
        }
        ScanResult r = result.get();
        env.out().println();
        env.out().println("Scan: `localtrust scan` over the live fleet (every device's address:port), classified with the fleet view:");
        env.out().print(ScanTable.render(r));
        try {
            Path html = Files.createTempFile("localtrust-demo-scan-", ".html");
            Files.writeString(html, ScanHtml.document(r), StandardCharsets.UTF_8);
            env.out().println("HTML report: " + html.toAbsolutePath() + " (open it in a browser; it needs no network)");
        } catch (IOException e) {
            env.err().println("localtrust: demo: cannot write the HTML report: " + e.getMessage());
            return false;
        }
        env.out().flush();
        return r.unanswered().isEmpty() && r.unprobed() == 0;
    }
}
