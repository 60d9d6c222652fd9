package io.localtrust.gateway.console;

import java.util.Optional;

/**
 * The frame of every console page: title, navigation, the flash message of the last action,
 * and the sign-out form. Only our own stylesheet and script are referenced (the CSP allows
 * nothing else); no inline script or style anywhere.
 */
final class Layout {
    /** What a page needs to know about who is looking. */
    record Viewer(boolean signedIn, String csrf, Optional<String> flash, String gatewayName) {
    }

    private Layout() {
    }

    static String page(String title, String current, Viewer v, String body) {
        return page(title, current, v, body, "");
    }

    /** A page with {@code head} added to its head (the Scans page's no-script refresh while a scan runs). */
    static String page(String title, String current, Viewer v, String body, String head) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" — ").append(Html.esc(v.gatewayName())).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/console/assets/console.css\">")
                .append("<script src=\"/console/assets/console.js\" defer></script>").append(head).append("</head><body>")
                .append("<header><span class=\"brand\">").append(Html.esc(v.gatewayName())).append("</span>");
        if (v.signedIn()) {
            b.append("<nav aria-label=\"Console\">");
            for (String[] item : new String[][] {{"approvals", "Approvals"}, {"devices", "Devices"}, {"scans", "Scans"},
                {"trust", "Trust this gateway"},
                {"audit", "Audit"}}) {
                b.append("<a href=\"/console/").append(item[0]).append("\"")
                        .append(item[0].equals(current) ? " aria-current=\"page\"" : "").append(">").append(item[1]).append("</a>");
            }
            b.append("</nav><form method=\"post\" action=\"/console/logout\" class=\"logout\">").append(csrfField(v))
                    .append("<button type=\"submit\">Sign out</button></form>");
        } else {
            b.append("<nav aria-label=\"Console\"><a href=\"/console/trust\">Trust this gateway</a>")
                    .append("<a href=\"/console/login\">Sign in</a></nav>");
        }
        b.append("</header><main id=\"main\"><h1>").append(Html.esc(title)).append("</h1>");
        v.flash().ifPresent(f -> b.append("<p class=\"flash\" role=\"status\" id=\"flash\">").append(Html.esc(f)).append("</p>"));
        b.append(body).append("</main></body></html>");
        return b.toString();
    }

    /** The hidden CSRF field every form that changes something carries. */
    static String csrfField(Viewer v) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.esc(v.csrf()) + "\">";
    }

    /** A one-button form posting to {@code action} with hidden fields (name, value pairs). */
    static String button(Viewer v, String action, String label, String cssClass, String... fields) {
        StringBuilder b = new StringBuilder("<form method=\"post\" action=\"").append(Html.esc(action)).append("\" class=\"inline\">")
                .append(csrfField(v));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            b.append("<input type=\"hidden\" name=\"").append(Html.esc(fields[i])).append("\" value=\"").append(Html.esc(fields[i + 1]))
                    .append("\">");
        }
        return b.append("<button type=\"submit\" class=\"").append(cssClass).append("\">").append(Html.esc(label))
                .append("</button></form>").toString();
    }
}
