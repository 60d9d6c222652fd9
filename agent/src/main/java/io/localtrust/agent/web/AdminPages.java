package io.localtrust.agent.web;

import io.localtrust.agent.stapling.Stapler;
import io.localtrust.x509.Cert;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The HTTPS admin pages: the login form and, behind it, the device's name, dev-id, certificate and status. */
final class AdminPages {
    private AdminPages() {
    }

    static Page login(int status, String message) {
        String m = message.isEmpty() ? "" : "<p id=\"message\"><strong>" + Html.escape(message) + "</strong></p>";
        return Page.html(status, "Log in", "<h1>Log in</h1>" + m + "<form method=\"post\" action=\"/login\">"
                + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required"
                + " autofocus></label> <button>Log in</button></form>");
    }

    static Page admin(DeviceView d) {
        StringBuilder b = new StringBuilder("<h1>").append(Html.escape(d.name())).append("</h1><table>");
        row(b, "dev-id", "<code>" + Html.escape(d.devId()) + "</code>");
        Optional<Cert> leaf = d.served().map(c -> c.leaf());
        leaf.ifPresent(l -> {
            row(b, "certificate", "serial <code>" + l.serial().toString(16) + "</code>");
            row(b, "names", Html.escape(String.join(", ", l.dnsNames()) + (l.ipAddresses().isEmpty() ? ""
                    : ", " + String.join(", ", l.ipAddresses()))));
            row(b, "valid", DateTimeFormatter.ISO_INSTANT.format(l.notBefore()) + " to "
                    + DateTimeFormatter.ISO_INSTANT.format(l.notAfter()));
            row(b, "issuer", Html.escape(l.issuer()));
        });
        Stapler.View s = d.stapling();
        row(b, "OCSP staple", Html.escape(s.staple().map(x -> x.status().status().name().toLowerCase(java.util.Locale.ROOT)
                + ", thisUpdate " + x.status().thisUpdate() + ", nextUpdate " + x.nextUpdate()).orElse("none")
                + s.problem().map(p -> " (" + p + ")").orElse("")));
        row(b, "renewal", Html.escape(d.renewal()));
        d.clockWarning().ifPresent(w -> row(b, "clock", "<strong id=\"clock-warning\">" + Html.escape(w) + "</strong>"));
        row(b, "status", Html.escape(OnboardingPage.phase(d.onboarding().phase()) + ": " + d.onboarding().detail()));
        b.append("</table><form method=\"post\" action=\"/logout\"><button>Log out</button></form>");
        return Page.html(200, d.name() + " — admin", b.toString());
    }

    private static void row(StringBuilder b, String k, String vHtml) {
        b.append("<tr><td>").append(k).append("</td><td>").append(vHtml).append("</td></tr>");
    }
}
