package io.localtrust.gateway.console;

import io.localtrust.store.ApprovalStore;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The approvals page: the devices waiting for the owner, each with what it asked for, where it
 * is, its dev-id and how it asked, the pairing code it offered (the device shows the same, to
 * compare), with Approve and Deny buttons — plain forms, so approving works without JavaScript and from the
 * keyboard; a field for the pairing code a device shows; and pre-authorising names for a
 * window. The pending list is also served alone ({@link #pendingList}) for the script that keeps
 * it live.
 */
final class ApprovalsPage {
    private ApprovalsPage() {
    }

    static String render(Layout.Viewer v, List<Fleet.DeviceView> pending, List<ApprovalStore.Allowance> allowances, String revision) {
        StringBuilder b = new StringBuilder();
        b.append("<section aria-labelledby=\"pending-h\"><h2 id=\"pending-h\">Waiting for approval</h2>")
                .append("<p class=\"hint\">Approve only a device you are setting up now: compare the pairing code in its row with"
                        + " the one the device shows (a device that offered none: compare its dev-id with the one on its own page),"
                        + " then press Approve. Or type the code the device shows, below.</p>")
                .append("<div id=\"pending\" data-live=\"/console/approvals/list\" data-revision=\"").append(Html.esc(revision))
                .append("\" aria-live=\"polite\">")
                .append(pendingList(v, pending)).append("</div></section>");

        b.append("<section aria-labelledby=\"code-h\"><h2 id=\"code-h\">Approve by pairing code</h2>")
                .append("<form method=\"post\" action=\"/console/approvals/code\">").append(Layout.csrfField(v))
                .append("<label for=\"code\">Pairing code shown by the device</label> ")
                .append("<input id=\"code\" name=\"code\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"ABCD-EFGH\" required> ")
                .append("<button type=\"submit\">Approve by code</button></form></section>");

        b.append("<section aria-labelledby=\"allow-h\"><h2 id=\"allow-h\">Pre-authorise</h2>")
                .append("<p class=\"hint\">Until the window closes, a new device asking only for these names or addresses is"
                        + " approved without you. Keep it short.</p>")
                .append("<form method=\"post\" action=\"/console/approvals/allow\">").append(Layout.csrfField(v))
                .append("<label for=\"identities\">Names or addresses</label> ")
                .append("<input id=\"identities\" name=\"identities\" placeholder=\"tv.home.arpa 192.168.1.20\" required> ")
                .append("<label for=\"window\">for</label> <select id=\"window\" name=\"window\">")
                .append("<option value=\"10m\">10 minutes</option><option value=\"1h\">1 hour</option>")
                .append("<option value=\"1d\">1 day</option><option value=\"7d\">7 days</option></select> ")
                .append("<button type=\"submit\">Pre-authorise</button></form>");
        if (allowances.isEmpty()) {
            b.append("<p id=\"allowances\">Nothing is pre-authorised now.</p>");
        } else {
            b.append("<table id=\"allowances\"><caption>Pre-authorised now</caption><thead><tr><th scope=\"col\">Name or address</th>"
                    + "<th scope=\"col\">Until</th><th scope=\"col\">By</th></tr></thead><tbody>");
            for (ApprovalStore.Allowance a : allowances) {
                b.append("<tr><td>").append(Html.esc(a.identity())).append("</td><td>").append(time(a.until())).append("</td><td>")
                        .append(Html.esc(a.actor())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("</section>");
        return Layout.page("Approvals", "approvals", v, b.toString());
    }

    /** The pending devices' table alone (the live region's content). */
    static String pendingList(Layout.Viewer v, List<Fleet.DeviceView> pending) {
        if (pending.isEmpty()) {
            return "<p class=\"empty\">No device is waiting.</p>";
        }
        StringBuilder b = new StringBuilder("<table class=\"pending\"><thead><tr><th scope=\"col\">Asks for</th>"
                + "<th scope=\"col\">Address</th><th scope=\"col\">dev-id</th><th scope=\"col\">Asked via</th>"
                + "<th scope=\"col\">First seen</th><th scope=\"col\">Pairing code</th><th scope=\"col\">Decision</th></tr>"
                + "</thead><tbody>");
        for (Fleet.DeviceView d : pending) {
            String id = d.device().devId();
            String label = String.join(", ", d.device().identities());
            b.append("<tr data-dev-id=\"").append(Html.esc(id)).append("\"><td>").append(Html.esc(label)).append("</td><td>")
                    .append(Html.esc(d.addresses().isEmpty() ? "—" : String.join(", ", d.addresses()))).append("</td><td><code>")
                    .append(Html.esc(id)).append("</code></td><td>").append(Html.esc(d.howAsked())).append("</td><td>")
                    .append(time(d.device().firstSeen())).append("</td>")
                    .append(d.pairingCode().map(c -> "<td><code class=\"pairing-code\">" + Html.esc(c) + "</code></td>")
                            .orElse("<td class=\"no-code\">—</td>"))
                    .append("<td>")
                    .append(Layout.button(v, "/console/approvals/approve", "Approve " + label, "approve", "devId", id))
                    .append(Layout.button(v, "/console/approvals/deny", "Deny " + label, "deny", "devId", id))
                    .append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    static String time(Instant t) {
        return "<time datetime=\"" + t + "\">" + DateTimeFormatter.ISO_INSTANT.format(t).replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z")
                + "</time>";
    }
}
