package io.localtrust.scanner.report;

import io.localtrust.lint.Finding;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.Practice;
import io.localtrust.practice.Verdict;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.scanner.ScanResult;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The scan as one self-contained HTML file for the owner: a chart of devices by practice, a table
 * that sorts (click a heading) and filters (text and practice), and per device its endpoints, the
 * chain as presented, the findings and what to do. CSS, script and chart are inline and a content
 * security policy forbids every fetch, so the file opens offline and cannot call home. Everything a
 * device sent is escaped as text.
 */
public final class ScanHtml {
    private static final String CSS = resource("scan-report.css");
    private static final String JS = resource("scan-report.js");

    private ScanHtml() {
    }

    public static String document(ScanResult r) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                        + "script-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>localtrust scan: ").append(r.devices().size()).append(" devices</title><style>").append(CSS)
                .append("</style></head><body>\n");
        sb.append("<header><h1>Certificate practices on your network</h1><p class=\"meta\">Scanned <b>")
                .append(Html.esc(String.join(" ", r.targets()))).append("</b> on ports ")
                .append(r.ports().stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" from ")
                .append(Html.esc(r.started().toString())).append(" to ").append(Html.esc(r.finished().toString())).append(".</p>")
                .append("<p id=\"summary\" data-devices=\"").append(r.devices().size()).append("\">")
                .append(Html.esc(ScanTable.summary(r))).append("</p></header>\n");
        sb.append("<section><h2>Devices by practice</h2>").append(PracticeChart.svg(r.summary())).append("</section>\n");
        table(sb, r);
        sb.append("<section id=\"details\"><h2>Each device</h2>");
        r.devices().forEach(d -> device(sb, d));
        sb.append("</section>\n");
        if (!r.unanswered().isEmpty()) {
            sb.append("<section id=\"unanswered\"><h2>Open ports with no usable answer</h2><ul>");
            for (DeviceObservation d : r.unanswered()) {
                for (EndpointObservation e : d.endpoints()) {
                    sb.append("<li>").append(Html.esc(d.source())).append(':').append(e.port().orElse(0)).append(" — ")
                            .append(Html.esc(e.error().orElse(""))).append("</li>");
                }
            }
            sb.append("</ul></section>\n");
        }
        sb.append("<footer>Written by <code>localtrust scan</code> (schema ").append(ScanJson.SCHEMA)
                .append("). The practices are those of the seed document; see docs/scan.md.</footer>\n");
        sb.append("<script>").append(JS).append("</script></body></html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, ScanResult r) {
        sb.append("<section><h2>Devices</h2><div class=\"filters\"><label>Filter <input id=\"filter\" type=\"search\" "
                + "placeholder=\"address, name, finding…\"></label> <label>Practice <select id=\"practice\"><option value=\"\">all</option>");
        for (Practice p : Practice.values()) {
            sb.append("<option value=\"").append(p.name()).append("\">").append(Html.esc(p.seedLabel() + " " + p.title())).append("</option>");
        }
        sb.append("</select></label> <span id=\"shown\"></span></div>");
        sb.append("<table id=\"devices\"><thead><tr><th data-key=\"address\">Address</th><th>Name</th><th data-key=\"rank\">Practice</th>"
                + "<th>Uniqueness</th><th>Verdict</th><th>Ports</th><th data-key=\"findings\">Findings</th><th>Reason</th></tr></thead><tbody>");
        for (DeviceAssessment d : r.devices()) {
            String addr = d.observation().address().orElse(d.observation().source());
            sb.append("<tr class=\"device\" data-practice=\"").append(d.practice().name()).append("\" data-rank=\"").append(d.practice().rank())
                    .append("\" data-address=\"").append(sortKey(addr)).append("\" data-findings=\"").append(d.findings().size()).append("\">")
                    .append("<td><a href=\"#dev-").append(Html.esc(addr)).append("\">").append(Html.esc(addr)).append("</a></td>")
                    .append("<td>").append(Html.esc(name(d))).append("</td>")
                    .append("<td><span class=\"tag p-").append(d.practice().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(Html.esc(d.practice().seedLabel())).append("</span></td>")
                    .append("<td>").append(d.uniqueness().id()).append("</td>")
                    .append("<td>").append(Html.esc(Verdict.of(d.practice(), d.findings()).text())).append("</td>")
                    .append("<td>").append(Html.esc(ports(d.observation()))).append("</td>")
                    .append("<td>").append(d.findings().size()).append("</td>")
                    .append("<td>").append(Html.esc(d.reason())).append("</td></tr>");
        }
        sb.append("</tbody></table></section>\n");
    }

    private static void device(StringBuilder sb, DeviceAssessment d) {
        String addr = d.observation().address().orElse(d.observation().source());
        sb.append("<article class=\"device-detail\" id=\"dev-").append(Html.esc(addr)).append("\" data-practice=\"").append(d.practice().name())
                .append("\"><h3>").append(Html.esc(addr)).append(" <span class=\"tag p-").append(d.practice().name().toLowerCase(Locale.ROOT))
                .append("\">").append(Html.esc(d.practice().seedLabel() + " · " + d.practice().title())).append("</span></h3>")
                .append("<p>").append(Html.esc(d.practice().explanation())).append("</p>")
                .append("<p class=\"advice\"><b>What to do:</b> ").append(Html.esc(Advice.forPractice(d.practice()))).append("</p>");
        sb.append("<ul class=\"endpoints\">");
        for (EndpointObservation e : d.observation().endpoints()) {
            sb.append("<li>").append(e.scheme().id()).append(" port ").append(e.port().orElse(0)).append(": ");
            if (e.error().isPresent()) {
                sb.append("<span class=\"err\">").append(Html.esc(e.error().get())).append("</span>");
            } else if (e.tls().isPresent()) {
                TlsObservation t = e.tls().get();
                sb.append(Html.esc(t.version().orElse("TLS") + " " + t.cipher().orElse(""))).append(t.stapledOcsp().isPresent()
                        ? ", OCSP response stapled" : ", no OCSP staple");
                chain(sb, t);
            } else {
                sb.append(e.redirectsToHttps().orElse(false) ? "plain HTTP, redirects to HTTPS" : "plain HTTP, no redirect to HTTPS");
            }
            sb.append("</li>");
        }
        sb.append("</ul><h4>Findings</h4><ul class=\"findings\">");
        for (Finding f : d.findings()) {
            sb.append("<li class=\"sev-").append(f.severity().id()).append("\"><b>").append(f.severity().id()).append("</b> ")
                    .append(Html.esc(f.code())).append(": ").append(Html.esc(f.message())).append("</li>");
        }
        sb.append("</ul></article>\n");
    }

    private static void chain(StringBuilder sb, TlsObservation t) {
        sb.append("<table class=\"chain\"><tr><th>#</th><th>Subject</th><th>Issuer</th><th>Valid until</th><th>SANs</th><th>SHA-256</th></tr>");
        int i = 0;
        for (Cert c : t.chain().certs()) {
            sb.append("<tr><td>").append(i++).append("</td><td>").append(Html.esc(c.subject())).append("</td><td>").append(Html.esc(c.issuer()))
                    .append("</td><td>").append(Html.esc(c.notAfter().toString())).append("</td><td>")
                    .append(Html.esc(c.sans().stream().map(Object::toString).collect(Collectors.joining(", ")))).append("</td><td><code>")
                    .append(c.fingerprints().sha256()).append("</code></td></tr>");
        }
        sb.append("</table>");
    }

    private static String name(DeviceAssessment d) {
        return d.observation().tlsObservations().stream().findFirst().map(t -> t.chain().leaf().label()).orElse("");
    }

    private static String ports(DeviceObservation d) {
        return d.endpoints().stream().map(e -> e.port().orElse(0) + "/" + e.scheme().id() + (e.answered() ? "" : "!"))
                .collect(Collectors.joining(" "));
    }

    /** Addresses sort as numbers: each IPv4 octet zero-padded. */
    private static String sortKey(String address) {
        if (address.matches("[0-9.]+")) {
            return java.util.Arrays.stream(address.split("\\.")).map(o -> String.format(Locale.ROOT, "%03d", Integer.parseInt(o)))
                    .collect(Collectors.joining("."));
        }
        return Html.esc(address);
    }

    private static String resource(String name) {
        try (InputStream in = ScanHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
