package io.localtrust.gateway.console;

import io.localtrust.gateway.scans.FoundDevice;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The devices page's view of the last network scan: what it saw of a known device (one cell), and
 * the table of devices it found that the gateway does not know, each marked "found by scan", with
 * its practice (seed type and label), findings, certificate expiry and a link to open it.
 */
final class FoundByScan {
    private FoundByScan() {
    }

    /** What the scan saw of a known device: the practice seen over the network and where. */
    static String seen(List<FoundDevice> seen) {
        StringBuilder b = new StringBuilder();
        for (FoundDevice f : seen) {
            b.append("<span class=\"seen\" data-category=\"").append(f.practice().name()).append("\">").append(ScansPage.label(f.practice()))
                    .append(" at ").append(Html.esc(f.address())).append(' ').append(Html.esc(String.join(" ", f.ports()))).append("</span><br>");
        }
        return b.toString();
    }

    static String section(Optional<ScanHistory.LastScan> scan, List<FoundDevice> unknown, Instant now) {
        StringBuilder b = new StringBuilder("<section aria-labelledby=\"found-h\"><h2 id=\"found-h\">Found by the last scan</h2>");
        if (scan.isEmpty()) {
            return b.append("<p id=\"found\" class=\"hint\">No scan has finished yet: <a href=\"/console/scans\">scan the network</a> to list")
                    .append(" every device's certificate practice here.</p></section>").toString();
        }
        String id = Html.esc(scan.get().scan().id());
        b.append("<p class=\"hint\">The <a href=\"/console/scans/").append(id).append("\">scan of ")
                .append(ApprovalsPage.time(scan.get().scan().started())).append("</a> found ").append(scan.get().devices().size())
                .append(" devices; those the gateway knows are shown above, beside them.</p>");
        if (unknown.isEmpty()) {
            return b.append("<p id=\"found\">Every device it found is known to the gateway.</p></section>").toString();
        }
        b.append("<table id=\"found\"><thead><tr><th scope=\"col\">Device</th><th scope=\"col\">Practice</th>")
                .append("<th scope=\"col\">Certificate</th><th scope=\"col\">Findings</th><th scope=\"col\">Known</th></tr></thead><tbody>");
        for (FoundDevice f : unknown) {
            b.append("<tr class=\"found-by-scan\" data-address=\"").append(Html.esc(f.address())).append("\" data-category=\"")
                    .append(f.practice().name()).append("\"><td><a href=\"").append(Html.esc(f.link()))
                    .append("\" rel=\"noopener noreferrer\" target=\"_blank\">").append(Html.esc(f.link())).append("</a><br><span class=\"addr\">")
                    .append(Html.esc(f.address())).append(' ').append(Html.esc(String.join(" ", f.ports()))).append("</span>");
            if (!f.names().isEmpty()) {
                b.append("<br><span class=\"via\">names ").append(Html.esc(String.join(", ", f.names()))).append("</span>");
            }
            b.append("</td><td>").append(ScansPage.label(f.practice())).append(" (type ").append(f.practice().seedType()).append(") ")
                    .append(Html.esc(f.practice().title())).append("<br><span class=\"via\">").append(Html.esc(f.verdict().replace('_', ' ')))
                    .append("</span></td><td>");
            b.append(f.notAfter().map(t -> (t.isBefore(now) ? "<span class=\"cert-status expired\">expired</span> " : "expires ")
                    + ApprovalsPage.time(t)).orElse("no certificate"));
            b.append("</td><td>").append(findings(f.findings())).append("</td><td class=\"found-mark\">found by scan</td></tr>");
        }
        return b.append("</tbody></table></section>").toString();
    }

    private static String findings(List<FoundDevice.Finding> findings) {
        List<FoundDevice.Finding> shown = findings.stream().filter(f -> !f.severity().equalsIgnoreCase("info")).toList();
        if (shown.isEmpty()) {
            return "<span class=\"ok\">none</span>";
        }
        StringBuilder b = new StringBuilder("<ul class=\"findings\">");
        for (FoundDevice.Finding f : shown) {
            b.append("<li class=\"").append(Html.esc(f.severity().toLowerCase(Locale.ROOT))).append("\"><code>").append(Html.esc(f.code()))
                    .append("</code> ").append(Html.esc(f.message())).append("</li>");
        }
        return b.append("</ul>").toString();
    }
}
