package io.localtrust.scanner.report;

import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.Practice;
import io.localtrust.practice.Verdict;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.scanner.ScanResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scan as a terminal table: one line per device (address, practice, uniqueness, verdict, the
 * ports that answered, and the one-line reason), then the ports that accepted but gave nothing
 * usable, then the count per practice.
 */
public final class ScanTable {
    private static final int REASON_WIDTH = 90;

    private ScanTable() {
    }

    public static String render(ScanResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ADDRESS", "PRACTICE", "UNIQUENESS", "VERDICT", "PORTS", "REASON"});
        for (DeviceAssessment d : r.devices()) {
            rows.add(new String[] {d.observation().source(), d.practice().seedLabel(), d.uniqueness().id(),
                    Verdict.of(d.practice(), d.findings()).text(), ports(d.observation()), d.reason()});
        }
        StringBuilder sb = new StringBuilder();
        if (r.devices().isEmpty()) {
            sb.append("No device answered on ports ").append(r.ports().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .append(".\n");
        } else {
            sb.append(columns(rows));
        }
        for (DeviceObservation d : r.unanswered()) {
            for (EndpointObservation e : d.endpoints()) {
                sb.append(d.source()).append(':').append(e.port().orElse(0)).append("  no usable answer: ")
                        .append(e.error().orElse("")).append('\n');
            }
        }
        sb.append('\n').append(summary(r)).append('\n');
        return sb.toString();
    }

    /** "9 devices in 1.2 s (1,020 probes): 1 null, 2 NU-S/S, …" */
    public static String summary(ScanResult r) {
        Map<Practice, Integer> s = r.summary();
        String counts = s.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getValue() + " " + e.getKey().seedLabel())
                .collect(Collectors.joining(", "));
        Duration took = Duration.between(r.started(), r.finished());
        return r.devices().size() + (r.devices().size() == 1 ? " device" : " devices") + " in "
                + String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0) + " (" + r.probes() + " probes"
                + (r.unanswered().isEmpty() ? "" : ", " + r.unanswered().size() + " more address(es) with no usable answer")
                + (r.unprobed() > 0 ? ", " + r.unprobed() + " not probed before the deadline" : "") + ")"
                + (counts.isEmpty() ? "" : ": " + counts);
    }

    private static String ports(DeviceObservation d) {
        return d.endpoints().stream().map(e -> e.port().orElse(0) + "/" + e.scheme().id() + (e.answered() ? "" : "!"))
                .collect(Collectors.joining(" "));
    }

    private static String columns(List<String[]> rows) {
        int n = rows.get(0).length;
        int[] w = new int[n];
        for (String[] r : rows) {
            for (int i = 0; i < n - 1; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < n - 1; i++) {
                sb.append(r[i]).append(" ".repeat(w[i] - r[i].length() + 2));
            }
            String last = r[n - 1];
            sb.append(last.length() > REASON_WIDTH ? last.substring(0, REASON_WIDTH - 1) + "…" : last).append('\n');
        }
        return sb.toString();
    }
}
