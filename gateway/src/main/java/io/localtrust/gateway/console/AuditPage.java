package io.localtrust.gateway.console;

import io.localtrust.store.AuditEvent;
import java.util.List;
import java.util.Optional;

/**
 * The audit log, a page of {@value #PAGE} entries (the newest by default), with the state of its hash chain: every entry hashes the one
 * before it, so an edited or deleted entry shows here as "broken at entry N" ({@code store.verify()}).
 */
final class AuditPage {
    static final int PAGE = 200;

    private AuditPage() {
    }

    static String render(Layout.Viewer v, List<AuditEvent> events, Optional<String> broken, long from, long next) {
        StringBuilder b = new StringBuilder();
        if (broken.isEmpty()) {
            b.append("<p id=\"chain\" class=\"ok\">Hash chain intact: no entry was changed or removed.</p>");
        } else {
            b.append("<p id=\"chain\" class=\"bad\" role=\"alert\">Hash chain broken: ").append(Html.esc(broken.get()))
                    .append(". The log was changed outside the gateway.</p>");
        }
        b.append("<table id=\"audit\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">When</th><th scope=\"col\">Who</th>")
                .append("<th scope=\"col\">Action</th><th scope=\"col\">Subject</th><th scope=\"col\">Detail</th>")
                .append("<th scope=\"col\">Hash</th></tr></thead><tbody>");
        for (AuditEvent e : events) {
            b.append("<tr><td>").append(e.seq()).append("</td><td>").append(ApprovalsPage.time(e.at())).append("</td><td>")
                    .append(Html.esc(e.actor())).append("</td><td>").append(Html.esc(e.action())).append("</td><td><code>")
                    .append(Html.esc(e.subject())).append("</code></td><td>").append(Html.esc(e.detail())).append("</td><td><code>")
                    .append(Html.esc(e.hash().substring(0, Math.min(12, e.hash().length())))).append("…</code></td></tr>");
        }
        b.append("</tbody></table><p>");
        if (from > 1) {
            b.append("<a href=\"/console/audit?from=").append(Math.max(1, from - PAGE)).append("\">Earlier</a> ");
        }
        if (events.size() == PAGE) {
            b.append("<a href=\"/console/audit?from=").append(next).append("\">Later</a>");
        }
        b.append("</p>");
        return Layout.page("Audit log", "audit", v, b.toString());
    }
}
