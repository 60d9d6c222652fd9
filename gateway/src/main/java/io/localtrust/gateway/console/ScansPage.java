package io.localtrust.gateway.console;

import io.localtrust.gateway.scans.ScanProgressView;
import io.localtrust.practice.Practice;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.ScanStore.ScanState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Scans page: a form to start a scan of the local network (targets prefilled with where the
 * gateway knows its devices, and itself; the scanner's default ports), the running scan's progress
 * (a live region the script refreshes; without script the page reloads itself while a scan runs),
 * and the history of past scans with their counts per practice, each opening its report.
 */
final class ScansPage {
    /** Scans listed in the history. */
    static final int HISTORY = 50;
    /** Without script, how often a page showing a running scan reloads itself (seconds). */
    static final int REFRESH_SECONDS = 2;

    private ScansPage() {
    }

    static String render(Layout.Viewer v, List<String> defaultTargets, String defaultPorts, Optional<ScanProgressView> running,
                         List<ScanRecord> history) {
        StringBuilder b = new StringBuilder();
        b.append("<section aria-labelledby=\"start-h\"><h2 id=\"start-h\">Scan the network</h2>")
                .append("<p class=\"hint\">Finds every device's certificate practice: addresses, ranges (<code>192.168.1.1-40</code>),")
                .append(" CIDRs (<code>192.168.1.0/24</code>, at most 65,536 addresses), host names or <code>host:port</code>,")
                .append(" separated by spaces. Public addresses are refused: scan only your own network. One scan at a time.</p>")
                .append("<form method=\"post\" action=\"/console/scans/start\" id=\"scan-form\">").append(Layout.csrfField(v))
                .append("<label for=\"targets\">Targets</label> <input id=\"targets\" name=\"targets\" size=\"60\" spellcheck=\"false\"")
                .append(" autocomplete=\"off\" value=\"").append(Html.esc(String.join(" ", defaultTargets))).append("\" required> ")
                .append("<label for=\"ports\">Ports</label> <input id=\"ports\" name=\"ports\" size=\"16\" spellcheck=\"false\" value=\"")
                .append(Html.esc(defaultPorts)).append("\"> <button type=\"submit\" id=\"start-scan\">Start scan</button></form></section>");
        b.append("<section aria-labelledby=\"progress-h\"><h2 id=\"progress-h\">Now</h2>").append(progressRegion(running)).append("</section>");
        b.append("<section aria-labelledby=\"history-h\"><h2 id=\"history-h\">Past scans</h2>").append(history(history)).append("</section>");
        return Layout.page("Scans", "scans", v, b.toString(), running.isPresent() ? refresh() : "");
    }

    /** The live region: the script polls its {@code data-live} URL while {@code data-state} is "running". */
    static String progressRegion(Optional<ScanProgressView> running) {
        return "<div id=\"scan-progress\" data-live=\"/console/scans/progress\" data-state=\"" + (running.isPresent() ? "running" : "idle")
                + "\" data-scan-id=\"" + Html.esc(running.map(ScanProgressView::id).orElse("")) + "\" aria-live=\"polite\">"
                + progress(running) + "</div>";
    }

    /** The running scan's progress, or a line saying none runs (the live region's content). */
    static String progress(Optional<ScanProgressView> running) {
        if (running.isEmpty()) {
            return "<p id=\"scan-idle\">No scan is running.</p>";
        }
        ScanProgressView p = running.get();
        String head = "<p id=\"scan-running\">Scanning <b>" + Html.esc(String.join(" ", p.targets())) + "</b> since "
                + ApprovalsPage.time(p.started()) + ": ";
        if (p.total() == 0) { // no probe has ended yet: an indeterminate bar
            return head + "<progress>starting</progress> <span id=\"scan-counts\">starting…</span></p>";
        }
        return head + "<progress max=\"" + p.total() + "\" value=\"" + p.done() + "\">" + p.percent() + " %</progress>"
                + " <span id=\"scan-counts\">" + p.done() + " of " + p.total() + " probes, " + p.open() + " open ports answered</span>.</p>";
    }

    /** Reloads the page while a scan runs, for a browser without script (the script polls instead). */
    static String refresh() {
        return "<noscript><meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\"></noscript>";
    }

    private static String history(List<ScanRecord> scans) {
        if (scans.isEmpty()) {
            return "<p id=\"scans\" class=\"empty\">No scan yet.</p>";
        }
        StringBuilder b = new StringBuilder("<table id=\"scans\"><thead><tr><th scope=\"col\">Started</th><th scope=\"col\">Targets</th>")
                .append("<th scope=\"col\">State</th><th scope=\"col\">Devices</th>");
        for (Practice p : Practice.values()) {
            b.append("<th scope=\"col\">").append(label(p)).append("</th>");
        }
        b.append("<th scope=\"col\">Report</th></tr></thead><tbody>");
        for (ScanRecord s : scans) {
            b.append("<tr data-scan-id=\"").append(Html.esc(s.id())).append("\" data-state=\"").append(s.state().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\"><td>").append(ApprovalsPage.time(s.started())).append("</td><td>").append(Html.esc(String.join(" ", s.targets())))
                    .append("</td><td class=\"scan-state\">").append(state(s)).append("</td><td class=\"devices\">")
                    .append(s.state() == ScanState.FINISHED ? Integer.toString(s.devices()) : "—").append("</td>");
            b.append(countCells(s));
            b.append("<td><a href=\"/console/scans/").append(Html.esc(s.id())).append("\">")
                    .append(s.state() == ScanState.FINISHED ? "Open report" : "Details").append("</a></td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** One cell per practice, in the seed's order: the count, or a dash before the scan finished. */
    static String countCells(ScanRecord s) {
        StringBuilder b = new StringBuilder();
        Map<String, Integer> m = s.summary();
        for (Practice p : Practice.values()) {
            String n = s.state() == ScanState.FINISHED ? Integer.toString(m.getOrDefault(p.name(), 0)) : "—";
            b.append("<td class=\"count\" data-category=\"").append(p.name()).append("\">").append(n).append("</td>");
        }
        return b.toString();
    }

    static String label(Practice p) {
        return "<abbr title=\"" + Html.esc(p.title() + " (type " + p.seedType() + ")") + "\">" + Html.esc(p.seedLabel()) + "</abbr>";
    }

    static String state(ScanRecord s) {
        return switch (s.state()) {
            case RUNNING -> "running";
            case FINISHED -> "finished " + ApprovalsPage.time(s.finished().orElseThrow());
            case FAILED -> "<span class=\"bad\">failed</span>: " + Html.esc(s.error().orElse(""));
        };
    }
}
