package io.localtrust.gateway.console;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.gateway.mdns.Candidate;
import io.localtrust.gateway.scans.ConsoleScanner;
import io.localtrust.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway console (issue 9): server-rendered pages under {@code /console/} on the gateway's
 * HTTPS listener, built on the same operations as the JSON admin API ({@link Approvals}) and the
 * same store. The only class of the console that speaks Jetty: it turns a request into a
 * {@link WebCall}, lets {@link ConsoleRoutes} answer, and writes the {@link Page} with the
 * headers every answer carries — a strict Content-Security-Policy (our own script and
 * stylesheet only; no inline code, no third-party request), no framing, no sniffing, no referrer to other sites,
 * no caching. Paths outside {@code /console} (and {@code /}) are left to the next handler.
 *
 * <p>Over plain HTTP only the trust page and its assets are served (a browser that does not
 * trust the gateway yet needs them); anything else redirects to the HTTPS origin.
 */
public final class ConsoleHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
    /** Larger than any console form. */
    static final int MAX_FORM = 16 * 1024;

    /** Something to run after a write so OCSP and the CRL follow at once (the gateway's store watcher). */
    @FunctionalInterface
    public interface AfterWrite {
        void run() throws StoreException;
    }

    private final ConsoleRoutes routes;
    private final String httpsOrigin;
    private final String csp;
    private final Map<String, Asset> assets;

    private record Asset(String contentType, byte[] body) {
    }

    private ConsoleHandler(ConsoleRoutes routes, String httpsOrigin) {
        this.routes = routes;
        this.httpsOrigin = httpsOrigin;
        this.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' " + httpsOrigin
                + "; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        this.assets = Map.of("/console/assets/console.css", asset("console.css", "text/css; charset=utf-8"),
                "/console/assets/console.js", asset("console.js", "text/javascript; charset=utf-8"));
    }

    /**
     * The console of {@code gateway}.
     *
     * @param httpsOrigin the gateway's HTTPS origin by name ("https://gateway.home.arpa:8443"): where the trust check goes
     * @param discovered  what mDNS found on the LAN, when discovery runs ({@code gateway run --mdns})
     * @param scanner     runs the Scans page's scans
     * @param listen      the gateway's HTTPS listener (offered as a scan target)
     */
    public static ConsoleHandler create(Gateway gateway, Approvals approvals, AfterWrite afterWrite, String httpsOrigin,
                                        Supplier<Optional<List<Candidate>>> discovered, ConsoleScanner scanner, InetSocketAddress listen,
                                        Clock clock, SecureRandom random) {
        ConsoleSessions sessions = new ConsoleSessions(gateway.files().dir(), clock, random);
        ConsoleRoutes.TrustInfo trust = new ConsoleRoutes.TrustInfo(gateway.root(), gateway.config().names(),
                gateway.config().rootUrl(), httpsOrigin + "/console/trust/check", gateway.config().name());
        return new ConsoleHandler(new ConsoleRoutes(sessions, new Fleet(gateway.store(), approvals, clock),
                new ConsoleActions(approvals, afterWrite), trust, discovered,
                new ConsoleRoutes.Scans(scanner, new ScanHistory(gateway.store()), Optional.of(listen)), clock), httpsOrigin);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Optional.ofNullable(request.getHttpURI().getDecodedPath()).orElse("/");
        boolean secure = request.isSecure();
        if (path.equals("/") && secure) {
            return write(request, response, callback, Page.redirect("/console/"));
        }
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            return false;
        }
        Page page;
        try {
            Asset a = assets.get(path);
            if (a != null) {
                page = new Page(200, a.contentType(), a.body(), List.of());
            } else if (!secure && !path.startsWith("/console/trust")) {
                page = request.getMethod().equals("GET") ? Page.redirect(httpsOrigin + path)
                        : Page.html(403, "<!doctype html><title>HTTPS only</title><p>The console takes changes only over HTTPS.");
            } else {
                page = routes.route(toCall(request, path));
            }
        } catch (BadForm e) {
            page = Page.html(e.status, "<!doctype html><title>Bad request</title><p>" + Html.esc(e.getMessage()));
        } catch (StoreException e) {
            LOG.error("console: store failure: {}", e.getMessage());
            page = Page.html(503, "<!doctype html><title>Unavailable</title><p>The gateway's store cannot be read now; see its log.");
        } catch (Exception e) {
            LOG.error("console: internal error on {}", path, e);
            page = Page.html(500, "<!doctype html><title>Error</title><p>The console failed to answer; see the gateway's log.");
        }
        return write(request, response, callback, page);
    }

    private boolean write(Request request, Response response, Callback callback, Page page) {
        response.setStatus(page.status());
        var h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, page.contentType());
        h.put("Content-Security-Policy", csp);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "same-origin"); // not no-referrer: Chrome then sends "Origin: null" on our own form posts
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        page.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
        byte[] body = page.body();
        h.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, request.getMethod().equals("HEAD") ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static final class BadForm extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        BadForm(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static WebCall toCall(Request request, String path) throws BadForm, IOException {
        Map<String, String> query = new HashMap<>();
        try {
            for (Fields.Field f : Request.extractQueryParameters(request)) {
                query.putIfAbsent(f.getName(), f.getValue());
            }
        } catch (RuntimeException e) {
            throw new BadForm(400, "the query string cannot be decoded");
        }
        Map<String, String> form = new HashMap<>();
        if (request.getMethod().equals("POST")) {
            if (request.getLength() > MAX_FORM) {
                throw new BadForm(413, "the form is larger than " + MAX_FORM + " bytes");
            }
            byte[] raw;
            try (InputStream in = Request.asInputStream(request)) {
                raw = in.readNBytes(MAX_FORM + 1);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (raw.length > MAX_FORM) {
                throw new BadForm(413, "the form is larger than " + MAX_FORM + " bytes");
            }
            for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    try {
                        form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw new BadForm(400, "the form cannot be decoded");
                    }
                }
            }
        }
        Optional<String> session = Optional.empty();
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(ConsoleSessions.COOKIE)) {
                session = Optional.of(c.getValue());
            }
        }
        InetAddress remote = ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
        var headers = request.getHeaders();
        return new WebCall(request.getMethod(), path, query, form, session, remote, Optional.ofNullable(headers.get(HttpHeader.ORIGIN)),
                Optional.ofNullable(headers.get("Sec-Fetch-Site")), Request.getServerName(request) + ":" + Request.getServerPort(request),
                request.isSecure());
    }

    private static Asset asset(String name, String type) {
        try (InputStream in = ConsoleHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console asset " + name + " is missing from the jar");
            }
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
