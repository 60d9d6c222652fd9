package io.localtrust.gateway.console;

import io.localtrust.gateway.scans.ScanProgressView;
import io.localtrust.practice.Practice;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.ScanStore.ScanState;
import java.util.Optional;

/**
 * One scan: when, what, by whom, its counts per practice, and its report — the very HTML page the
 * scanner writes, embedded in a sandboxed frame (scripts allowed, no same-origin: the report runs in
 * an opaque origin that can reach neither the console nor its cookies, and its own policy forbids
 * every fetch). While the scan runs, its progress instead.
 */
final class ScanPage {
    private ScanPage() {
    }

    static String render(Layout.Viewer v, ScanRecord s, Optional<ScanProgressView> running) {
        StringBuilder b = new StringBuilder();
        String id = Html.esc(s.id());
        b.append("<p id=\"scan-meta\" data-scan-id=\"").append(id).append("\" data-state=\"")
                .append(s.state().name().toLowerCase(java.util.Locale.ROOT)).append("\">Started ").append(ApprovalsPage.time(s.started()))
                .append(" by ").append(Html.esc(s.actor())).append(" on <b>").append(Html.esc(String.join(" ", s.targets()))).append("</b>; ")
                .append(ScansPage.state(s)).append(".</p>");
        if (s.state() == ScanState.RUNNING) {
            b.append(ScansPage.progressRegion(running.filter(p -> p.id().equals(s.id()))));
            return Layout.page("Scan " + s.id(), "scans", v, b.toString(), ScansPage.refresh());
        }
        if (s.state() == ScanState.FINISHED) {
            b.append("<table id=\"scan-summary\"><caption>").append(s.devices()).append(" devices by practice</caption><thead><tr>");
            for (Practice p : Practice.values()) {
                b.append("<th scope=\"col\">").append(ScansPage.label(p)).append("</th>");
            }
            b.append("</tr></thead><tbody><tr>").append(ScansPage.countCells(s)).append("</tr></tbody></table>");
            b.append("<p><a href=\"/console/scans/").append(id).append("/report\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .append("Open the report on its own</a> · <a href=\"/console/scans/").append(id).append("/report.json\" download=\"scan-")
                    .append(id).append(".json\">Download its JSON (localtrust.scan/1)</a> · <a href=\"/console/devices\">Devices</a></p>")
                    .append("<iframe id=\"report\" class=\"report\" src=\"/console/scans/").append(id)
                    .append("/report\" sandbox=\"allow-scripts\" referrerpolicy=\"no-referrer\" title=\"Scan report\"></iframe>");
        }
        b.append("<p><a href=\"/console/scans\">All scans</a></p>");
        return Layout.page("Scan " + s.id(), "scans", v, b.toString());
    }
}
