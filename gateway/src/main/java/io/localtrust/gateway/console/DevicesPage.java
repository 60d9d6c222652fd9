package io.localtrust.gateway.console;

import io.localtrust.gateway.mdns.Candidate;
import io.localtrust.gateway.scans.FoundDevice;
import io.localtrust.lint.Finding;
import io.localtrust.lint.Severity;
import io.localtrust.practice.Practice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every device the gateway knows: its state, names and addresses, the practice its certificate
 * gives it (seed type and label), the lint findings on that certificate, when it expires, a link
 * to its persistent {@code https://NAME} page, and a Revoke form per live certificate.
 * Beside each, what the last network scan saw of it; below them, every device that scan found
 * that the gateway does not know (marked "found by scan"), and the services devices announce over
 * mDNS/DNS-SD, when discovery runs. A scanned device is the same as a known one when it presented
 * the known device's key (its dev-id) or answered on one of its addresses.
 */
final class DevicesPage {
    private DevicesPage() {
    }

    static String render(Layout.Viewer v, List<Fleet.DeviceView> devices, Optional<List<Candidate>> discovered,
                         Optional<ScanHistory.LastScan> scan, Instant now) {
        StringBuilder b = new StringBuilder();
        List<FoundDevice> found = scan.map(ScanHistory.LastScan::devices).orElse(List.of());
        if (devices.isEmpty()) {
            b.append("<p class=\"empty\">The gateway knows no device yet.</p>");
        } else {
            known(b, v, devices, found, scan.isPresent(), now);
        }
        b.append(FoundByScan.section(scan, found.stream().filter(f -> devices.stream().noneMatch(d -> same(d, f))).toList(), now));
        b.append(discovered(discovered, devices));
        return Layout.page("Devices", "devices", v, b.toString());
    }

    /** What mDNS found: services announced on the LAN, marked when the gateway already knows the address. */
    private static String discovered(Optional<List<Candidate>> discovered, List<Fleet.DeviceView> devices) {
        StringBuilder b = new StringBuilder("<section aria-labelledby=\"mdns-h\"><h2 id=\"mdns-h\">Announced on the network (mDNS)</h2>");
        if (discovered.isEmpty()) {
            return b.append("<p id=\"mdns\" class=\"hint\">Discovery is off: start the gateway with <code>--mdns ADDRESS</code>"
                    + " to list devices announcing <code>_https._tcp</code> or <code>_http._tcp</code>.</p></section>").toString();
        }
        if (discovered.get().isEmpty()) {
            return b.append("<p id=\"mdns\">Nothing announced yet.</p></section>").toString();
        }
        java.util.Set<String> knownAddresses = new java.util.HashSet<>();
        devices.forEach(d -> knownAddresses.addAll(d.addresses()));
        b.append("<table id=\"mdns\"><thead><tr><th scope=\"col\">Service</th><th scope=\"col\">Type</th><th scope=\"col\">Host</th>")
                .append("<th scope=\"col\">Open</th><th scope=\"col\">Onboarded</th></tr></thead><tbody>");
        for (Candidate c : discovered.get()) {
            boolean known = c.addresses().stream().anyMatch(knownAddresses::contains);
            b.append("<tr><td>").append(Html.esc(c.instance())).append("</td><td><code>").append(Html.esc(c.type())).append("</code></td><td>")
                    .append(Html.esc(c.host())).append(" ").append(Html.esc(String.join(", ", c.addresses()))).append("</td><td><a href=\"")
                    .append(Html.esc(c.url())).append("\" rel=\"noopener noreferrer\" target=\"_blank\">").append(Html.esc(c.url()))
                    .append("</a></td><td>").append(known ? "known to the gateway" : "not yet: run its agent, or approve it when it asks")
                    .append("</td></tr>");
        }
        return b.append("</tbody></table></section>").toString();
    }

    /** Whether a scanned device is this known one: the same key (dev-id), or one of its addresses. */
    static boolean same(Fleet.DeviceView d, FoundDevice f) {
        return f.devIds().contains(d.device().devId()) || d.addresses().contains(f.address());
    }

    private static void known(StringBuilder b, Layout.Viewer v, List<Fleet.DeviceView> devices, List<FoundDevice> found, boolean scanned,
                              Instant now) {
        b.append("<table id=\"devices\"><thead><tr><th scope=\"col\">Device</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Practice</th><th scope=\"col\">Certificate</th><th scope=\"col\">Findings</th>")
                .append("<th scope=\"col\">Last scan</th><th scope=\"col\">Revoke</th></tr></thead><tbody>");
        for (Fleet.DeviceView d : devices) {
            String id = d.device().devId();
            b.append("<tr data-dev-id=\"").append(Html.esc(id)).append("\"><td>");
            Optional<String> name = d.names().stream().findFirst();
            Optional<Practice> practice = d.practice(now);
            if (name.isPresent() && practice.isPresent()) {
                b.append("<a href=\"https://").append(Html.esc(name.get())).append("/\" rel=\"noopener noreferrer\" target=\"_blank\">")
                        .append(Html.esc(name.get())).append("</a>");
                d.names().stream().skip(1).forEach(n -> b.append(", ").append(Html.esc(n)));
            } else {
                b.append(Html.esc(String.join(", ", d.names())));
            }
            if (!d.addresses().isEmpty()) {
                b.append("<br><span class=\"addr\">").append(Html.esc(String.join(", ", d.addresses()))).append("</span>");
            }
            b.append("<br><code class=\"devid\">").append(Html.esc(id)).append("</code><br><span class=\"via\">asked via ")
                    .append(Html.esc(d.howAsked())).append("</span></td><td class=\"state\">")
                    .append(Html.esc(d.device().state().name().toLowerCase(java.util.Locale.ROOT))).append("</td><td>");
            b.append(practice.map(p -> "<abbr title=\"" + Html.esc(p.explanation()) + "\">" + Html.esc(p.seedLabel()) + "</abbr> (type "
                    + p.seedType() + ") " + Html.esc(p.title())).orElse("—"));
            b.append("</td><td>");
            Optional<Fleet.CertView> c = d.newest();
            if (c.isEmpty()) {
                b.append("none yet");
            } else {
                var cert = c.get().cert();
                String status = c.get().revoked() ? "revoked"
                        + c.get().revocation().flatMap(r -> r.reason()).map(r -> " (" + r.rfcName() + ")").orElse("")
                        : cert.notAfter().isBefore(now) ? "expired" : "valid";
                b.append("<span class=\"cert-status ").append(status.split(" ")[0]).append("\">").append(Html.esc(status))
                        .append("</span><br>serial <code class=\"serial\">").append(cert.serial().toString(16)).append("</code><br>expires ")
                        .append(ApprovalsPage.time(cert.notAfter()));
            }
            b.append("</td><td>").append(findings(c.map(Fleet.CertView::findings).orElse(List.of()))).append("</td><td class=\"scan\">");
            List<FoundDevice> seen = found.stream().filter(f -> same(d, f)).toList();
            b.append(seen.isEmpty() ? (scanned ? "not found" : "no scan yet") : FoundByScan.seen(seen));
            b.append("</td><td>");
            if (c.isPresent() && !c.get().revoked() && c.get().cert().notAfter().isAfter(now)) {
                String serial = c.get().cert().serial().toString(16);
                String label = name.orElse(id);
                b.append("<form method=\"post\" action=\"/console/devices/revoke\" class=\"revoke\">").append(Layout.csrfField(v))
                        .append("<input type=\"hidden\" name=\"serial\" value=\"").append(serial).append("\">")
                        .append("<label for=\"reason-").append(serial).append("\">Reason</label> <select id=\"reason-").append(serial)
                        .append("\" name=\"reason\"><option value=\"cessationOfOperation\">device retired</option>")
                        .append("<option value=\"keyCompromise\">key compromised</option>")
                        .append("<option value=\"superseded\">replaced</option><option value=\"unspecified\">unspecified</option>")
                        .append("</select> <button type=\"submit\" class=\"danger\">Revoke ").append(Html.esc(label))
                        .append("</button></form>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static String findings(List<Finding> findings) {
        List<Finding> shown = findings.stream().filter(f -> f.severity() != Severity.INFO).sorted(Finding.REPORT_ORDER).toList();
        if (shown.isEmpty()) {
            return "<span class=\"ok\">none</span>";
        }
        StringBuilder b = new StringBuilder("<ul class=\"findings\">");
        for (Finding f : shown) {
            b.append("<li class=\"").append(f.severity().name().toLowerCase(java.util.Locale.ROOT)).append("\"><code>")
                    .append(Html.esc(f.code())).append("</code> ").append(Html.esc(f.message())).append("</li>");
        }
        return b.append("</ul>").toString();
    }
}
