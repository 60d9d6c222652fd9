package io.localtrust.gateway.console;

import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.NamePolicy;
import io.localtrust.gateway.mdns.Candidate;
import io.localtrust.gateway.scans.ConsoleScanner;
import io.localtrust.gateway.scans.DefaultTargets;
import io.localtrust.gateway.scans.ScanProgressView;
import io.localtrust.gateway.scans.ScanRefused;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each console path does. Pages that show the fleet need a session; every POST needs a
 * session, the session's CSRF token and a same-origin request — refused otherwise with a page
 * that says why, and nothing changed. The trust page, its check and the assets are public (and
 * the only paths served over plain HTTP).
 */
final class ConsoleRoutes {
    /** What the trust page shows: the root, its constraints, where phones download it and where the check goes. */
    record TrustInfo(Cert root, NamePolicy names, String rootDerUrl, String checkUrl, String gatewayName) {
    }

    private final ConsoleSessions sessions;
    private final Fleet fleet;
    private final ConsoleActions actions;
    private final TrustInfo trust;
    private final Clock clock;
    private final Supplier<Optional<List<Candidate>>> discovered;
    private final Scans scans;

    /** The Scans page's parts: the runner, the history, and the gateway's own HTTPS listener (a default target). */
    record Scans(ConsoleScanner scanner, ScanHistory history, Optional<java.net.InetSocketAddress> listen) {
    }

    /**
     * The report's own policy: its inline style and script (the scanner's self-contained page) and
     * nothing else — no fetch, no form, no navigation of its parent; framed only by the console, and
     * sandboxed even when opened on its own (an opaque origin: no cookie, no console DOM).
     */
    static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:;"
            + " form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox allow-scripts";

    ConsoleRoutes(ConsoleSessions sessions, Fleet fleet, ConsoleActions actions, TrustInfo trust,
                  Supplier<Optional<List<Candidate>>> discovered, Scans scans, Clock clock) {
        this.scans = scans;
        this.discovered = discovered;
        this.sessions = sessions;
        this.fleet = fleet;
        this.actions = actions;
        this.trust = trust;
        this.clock = clock;
    }

    Page route(WebCall c) throws StoreException, IOException {
        boolean get = c.method().equals("GET") || c.method().equals("HEAD");
        boolean post = c.method().equals("POST");
        String p = c.path();
        if (p.equals("/console/trust") && get) {
            return Page.html(200, TrustPage.render(viewer(c), trust.root(), trust.names(), trust.rootDerUrl(), trust.checkUrl()));
        }
        if (p.equals("/console/trust/check") && get) {
            // Reached over TLS: this browser accepted the gateway's certificate without a click.
            return Page.json("{\"trusted\":true}").with("Access-Control-Allow-Origin", "*")
                    .with("Cross-Origin-Resource-Policy", "cross-origin");
        }
        if (p.equals("/console/login")) {
            if (get) {
                return sessions.valid(c.session()) ? Page.redirect("/console/approvals")
                        : Page.html(200, LoginPage.render(viewer(c), ""));
            }
            if (post) {
                return login(c);
            }
        }
        if (p.equals("/console") || p.equals("/console/")) {
            return Page.redirect(sessions.valid(c.session()) ? "/console/approvals" : "/console/login");
        }
        if (!sessions.valid(c.session())) {
            if (get) {
                return Page.redirect("/console/login");
            }
            return Page.html(401, LoginPage.render(viewer(c), "Sign in first: this request had no valid session, and nothing was changed."));
        }
        if (post) {
            if (!c.sameOrigin() || !sessions.checkCsrf(c.session(), c.field("csrf"))) {
                return Page.html(403, Layout.page("Refused", "", viewer(c), "<p class=\"error\" role=\"alert\" id=\"refused\">"
                        + "Cross-site request refused: it did not come from this console's own page (missing or wrong CSRF"
                        + " token, or another origin). Nothing was changed.</p><p><a href=\"/console/approvals\">Back</a></p>"));
            }
            return change(c);
        }
        if (!get) {
            return Page.html(405, Layout.page("Not allowed", "", viewer(c), "<p>" + Html.esc(c.method()) + " is not used here.</p>"));
        }
        // Only a whole page takes the flash message: the live list's polls must not eat it.
        return switch (p) {
            case "/console/approvals" -> {
                String revision = fleet.revision();
                yield Page.html(200, ApprovalsPage.render(viewerWithFlash(c), fleet.pending(), fleet.allowances(), revision));
            }
            case "/console/approvals/list" -> pendingList(c);
            case "/console/devices" -> Page.html(200, DevicesPage.render(viewerWithFlash(c), fleet.devices(), discovered.get(),
                    scans.history().last(), clock.instant()));
            case "/console/audit" -> audit(c, viewerWithFlash(c));
            case "/console/scans" -> Page.html(200, ScansPage.render(viewerWithFlash(c), defaultTargets(), ConsoleScanner.defaultPorts(),
                    scans.scanner().progress(), scans.history().newest(ScansPage.HISTORY)));
            case "/console/scans/progress" -> scanProgress();
            default -> p.startsWith("/console/scans/") ? scan(c, p.substring("/console/scans/".length())) : notFound(c);
        };
    }

    private List<String> defaultTargets() throws StoreException {
        List<String> addresses = new java.util.ArrayList<>();
        fleet.devices().forEach(d -> addresses.addAll(d.addresses()));
        return DefaultTargets.of(addresses, scans.listen());
    }

    /** The live region's content, with the state the script watches: "running" (and the scan's id) or "idle". */
    private Page scanProgress() {
        Optional<ScanProgressView> running = scans.scanner().progress();
        return Page.html(200, ScansPage.progress(running)).with("X-Scan-State", running.isPresent() ? "running" : "idle")
                .with("X-Scan-Id", running.map(ScanProgressView::id).orElse(""));
    }

    /** {@code ID}, {@code ID/report} (the HTML report, under its own policy) or {@code ID/report.json}. */
    private Page scan(WebCall c, String rest) throws StoreException {
        String[] parts = rest.split("/", -1);
        if (!parts[0].matches("[0-9a-f]{1,64}") || parts.length > 2) {
            return notFound(c);
        }
        Optional<ScanRecord> s = scans.history().scan(parts[0]);
        if (s.isEmpty()) {
            return notFound(c);
        }
        if (parts.length == 1) {
            return Page.html(200, ScanPage.render(viewerWithFlash(c), s.get(), scans.scanner().progress()));
        }
        var report = scans.history().report(parts[0]);
        if (report.isEmpty() || !(parts[1].equals("report") || parts[1].equals("report.json"))) {
            return notFound(c);
        }
        if (parts[1].equals("report.json")) {
            return Page.json(report.get().json());
        }
        return Page.html(200, report.get().html()).with("Content-Security-Policy", REPORT_CSP).with("X-Frame-Options", "SAMEORIGIN");
    }

    /** The live list: 204 while nothing changed since the revision the page has ({@code ?since=}), else the list. */
    private Page pendingList(WebCall c) throws StoreException {
        String revision = fleet.revision();
        if (revision.equals(c.query().get("since"))) {
            return new Page(204, "text/plain; charset=utf-8", new byte[0], List.of()).with("X-Revision", revision);
        }
        return Page.html(200, ApprovalsPage.pendingList(viewer(c), fleet.pending())).with("X-Revision", revision);
    }

    private Page login(WebCall c) throws IOException {
        if (!c.sameOrigin()) {
            return Page.html(403, LoginPage.render(viewer(c), "Cross-site sign-in refused."));
        }
        String pw = c.field("password").orElse("");
        ConsoleSessions.Attempt a = sessions.login(c.remote(), pw.toCharArray());
        return switch (a.outcome()) {
            case OK -> Page.redirect("/console/approvals").with("Set-Cookie", ConsoleSessions.COOKIE + "=" + a.token().orElseThrow()
                    + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + io.localtrust.login.LoginGuard.SESSION.toSeconds());
            case WRONG -> Page.html(401, LoginPage.render(viewer(c), "Wrong password."));
            case TOO_MANY -> Page.html(429, LoginPage.render(viewer(c), "Too many wrong passwords: try again in "
                    + Math.max(1, a.retryAfter().toMinutes()) + " minutes."))
                    .with("Retry-After", Long.toString(Math.max(1, a.retryAfter().toSeconds())));
            case NOT_SET -> Page.html(503, LoginPage.render(viewer(c), "No console password is set on this gateway: run"
                    + " localtrust gateway console-password --dir DIR on it."));
        };
    }

    /** A state change: done, then back to the page it came from with one line saying what happened. */
    private Page change(WebCall c) throws StoreException {
        String token = c.session().orElseThrow();
        String back = "/console/approvals";
        String message;
        try {
            switch (c.path()) {
                case "/console/logout" -> {
                    sessions.logout(c.session());
                    return Page.redirect("/console/login").with("Set-Cookie", ConsoleSessions.COOKIE
                            + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
                }
                case "/console/approvals/approve" -> {
                    DeviceRecord d = actions.approve(required(c, "devId"));
                    message = "Approved " + describe(d) + ": it gets its certificate at its next request.";
                }
                case "/console/approvals/deny" -> {
                    DeviceRecord d = actions.deny(required(c, "devId"));
                    message = "Denied " + describe(d) + ": its requests are refused from now on.";
                }
                case "/console/approvals/code" -> {
                    DeviceRecord d = actions.approveByCode(required(c, "code"));
                    message = "Approved " + describe(d) + " by its pairing code.";
                }
                case "/console/approvals/allow" -> {
                    var a = actions.allow(required(c, "identities"), c.field("window").orElse("10m"));
                    message = "Pre-authorised " + String.join(", ", a.stream().map(x -> x.identity()).toList()) + " until "
                            + a.get(0).until() + ".";
                }
                case "/console/scans/start" -> {
                    back = "/console/scans";
                    try {
                        ScanProgressView started = scans.scanner().start(c.field("targets").orElse(""), c.field("ports").orElse(""),
                                ConsoleActions.ACTOR, "from " + c.remote().getHostAddress());
                        message = "Scan started on " + String.join(" ", started.targets()) + ".";
                    } catch (ScanRefused e) {
                        message = "Refused: " + e.getMessage() + " Nothing was started.";
                    }
                }
                case "/console/devices/revoke" -> {
                    back = "/console/devices";
                    String serial = required(c, "serial");
                    boolean changed = actions.revoke(serial, c.field("reason").orElse("unspecified"));
                    message = changed ? "Revoked certificate " + serial + ": OCSP and the CRL say so now."
                            : "Certificate " + serial + " was already revoked.";
                }
                default -> {
                    return notFound(c);
                }
            }
        } catch (IssuanceRefused e) {
            back = c.path().startsWith("/console/devices") ? "/console/devices" : back;
            message = "Refused (" + e.refusal().id() + "): " + e.getMessage() + " Nothing was changed.";
        } catch (MissingField e) {
            message = e.getMessage();
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.NOT_FOUND) {
                throw e;
            }
            message = "Not found: " + e.getMessage() + ". Nothing was changed.";
        }
        sessions.flash(token, message);
        return Page.redirect(back);
    }

    private static final class MissingField extends Exception {
        private static final long serialVersionUID = 1L;

        MissingField(String name) {
            super("The form lacks '" + name + "': nothing was changed.");
        }
    }

    private static String required(WebCall c, String name) throws MissingField {
        return c.field(name).map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() -> new MissingField(name));
    }

    private static String describe(DeviceRecord d) {
        return String.join(", ", d.identities()) + " (dev-id " + d.devId() + ")";
    }

    private Page audit(WebCall c, Layout.Viewer v) throws StoreException {
        long from;
        try {
            // By default the newest page: what just happened is what the owner comes to check.
            from = c.query().containsKey("from") ? Math.max(1, Long.parseLong(c.query().get("from")))
                    : Math.max(1, fleet.lastAuditSeq() - AuditPage.PAGE + 1);
        } catch (NumberFormatException e) {
            return Page.html(400, Layout.page("Bad request", "audit", v, "<p class=\"error\">from must be a whole number.</p>"));
        }
        var events = fleet.audit(from, AuditPage.PAGE);
        long next = events.isEmpty() ? from : events.get(events.size() - 1).seq() + 1;
        return Page.html(200, AuditPage.render(v, events, fleet.verifyAudit(), from, next));
    }

    private Page notFound(WebCall c) {
        return Page.html(404, Layout.page("Not found", "", viewer(c), "<p>Nothing is served at " + Html.esc(c.path()) + ".</p>"));
    }

    private Layout.Viewer viewer(WebCall c) {
        boolean in = sessions.valid(c.session());
        return new Layout.Viewer(in, in ? sessions.csrfToken(c.session().get()) : "", Optional.empty(), trust.gatewayName());
    }

    private Layout.Viewer viewerWithFlash(WebCall c) {
        Layout.Viewer v = viewer(c);
        return new Layout.Viewer(v.signedIn(), v.csrf(), sessions.takeFlash(c.session()), v.gatewayName());
    }
}
