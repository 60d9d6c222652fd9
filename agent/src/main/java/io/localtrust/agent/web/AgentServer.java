package io.localtrust.agent.web;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.onboarding.ChallengeAnswers;
import io.localtrust.login.LoginGuard;
import io.localtrust.x509.CertChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's web server (Jetty 12 core handlers, requests on virtual threads):
 * <ul>
 *   <li><b>HTTP</b> ({@code --http-port}): the http-01 answers always (enrolment and renewal);
 *       until a valid certificate is installed the onboarding status page at {@code /}; afterwards
 *       every other request is redirected (301) to HTTPS;</li>
 *   <li><b>HTTPS</b> ({@code --https-port}, bound when the first certificate is installed): TLS 1.3
 *       and 1.2 with ECDHE and AEAD suites only, the issued chain, the OCSP staple
 *       ({@link io.localtrust.agent.stapling.LocalStapleResponder}), HSTS and strict security
 *       headers on every answer; the admin page behind a login ({@link LoginGuard}); extra
 *       {@link Route}s. A renewed certificate is swapped in with {@link SslContextFactory#reload}:
 *       new handshakes get it, open connections keep theirs.</li>
 * </ul>
 */
public final class AgentServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    static final String HSTS = "max-age=31536000";
    private static final int MAX_FORM = 4096;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String[] SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"};

    /** Where the device listens. */
    public record Listen(InetAddress bind, int httpPort, int httpsPort) {
    }

    private final Server server;
    private final ServerConnector http;
    private final Listen listen;
    private final DeviceView view;
    private final ChallengeAnswers answers;
    private final LoginGuard login;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private volatile ServerConnector https;
    private volatile SslContextFactory.Server ssl;

    private AgentServer(Server server, ServerConnector http, Listen listen, DeviceView view, ChallengeAnswers answers,
                        LoginGuard login) {
        this.server = server;
        this.http = http;
        this.listen = listen;
        this.view = view;
        this.answers = answers;
        this.login = login;
    }

    /**
     * Binds HTTP (and checks the HTTPS port is free) and starts serving.
     *
     * @throws IOException a port in use or an address that cannot be bound, said in one line
     */
    public static AgentServer start(AgentRuntime runtime, Listen listen, DeviceView view, ChallengeAnswers answers, LoginGuard login,
                                    List<Route> extra) throws IOException {
        // The threads, timer and buffers are the runtime's, shared by every server of the JVM (a simulated fleet
        // runs a thousand): started already, so Jetty leaves them running when this server stops.
        // One selector per connector and no acceptor thread.
        Server server = new Server(runtime.threads(), runtime.scheduler(), runtime.buffers());
        server.setStopAtShutdown(false);
        ServerConnector http = new ServerConnector(server, 0, 1, new HttpConnectionFactory(config()));
        configure(http, listen.bind(), listen.httpPort());
        checkFree(listen.bind(), listen.httpsPort());
        open(http, listen.bind(), listen.httpPort());
        server.addConnector(http);
        AgentServer s = new AgentServer(server, http, listen, view, answers, login);
        extra.forEach(r -> s.routes.put(r.path(), r));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                s.dispatch(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            http.close();
            throw new IOException("the web server did not start: " + e.getMessage(), e);
        }
        return s;
    }

    public int httpPort() {
        return http.getLocalPort();
    }

    /** The HTTPS port, once a certificate is installed. */
    public Optional<Integer> httpsPort() {
        ServerConnector c = https;
        return c == null ? Optional.empty() : Optional.of(c.getLocalPort());
    }

    /**
     * Serves {@code chain} with {@code key} over HTTPS: binds the HTTPS port the first time, swaps
     * the certificate in afterwards (open connections keep theirs).
     */
    public synchronized void install(DeviceKey key, CertChain chain) throws Exception {
        SSLContext ctx = context(key, chain);
        if (ssl != null) {
            ssl.reload(f -> f.setSslContext(ctx));
            return;
        }
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setSslContext(ctx);
        f.setIncludeProtocols(PROTOCOLS);
        f.setIncludeCipherSuites(SUITES);
        f.setUseCipherSuitesOrder(true);
        f.setSniRequired(false);
        HttpConfiguration secure = config();
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false);
        secure.addCustomizer(src);
        ServerConnector c = new ServerConnector(server, 0, 1, new SslConnectionFactory(f, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(secure));
        configure(c, listen.bind(), listen.httpsPort());
        open(c, listen.bind(), listen.httpsPort());
        server.addConnector(c);
        c.start();
        ssl = f;
        https = c;
    }

    /** A JSSE context with the device key and chain; made after stapling is configured (JVM-wide properties). */
    private static SSLContext context(DeviceKey key, CertChain chain) throws GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> xs = new ArrayList<>();
        for (var c : chain.certs()) {
            xs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.der())));
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new DeviceKeyManager(key, xs)}, null, null);
        return ctx;
    }

    private void dispatch(Request request, Response response, Callback callback) {
        Page page;
        try {
            boolean secure = https != null && request.getConnectionMetaData().getConnector() == https;
            page = secure ? overHttps(request) : overHttp(request);
            if (secure) {
                page = page.with("Strict-Transport-Security", HSTS)
                        .with("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                        // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with a form POST
                        // (Fetch, serializing a request origin), and the login's same-origin check would refuse every login.
                        .with("X-Content-Type-Options", "nosniff").with("Referrer-Policy", "same-origin")
                        .with("Cache-Control", "no-store");
            }
        } catch (Exception e) {
            LOG.warn("{} {}: {}", request.getMethod(), request.getHttpURI().getPath(), e.toString());
            page = Page.text(500, "internal error\n");
        }
        response.setStatus(page.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
        page.headers().forEach((k, v) -> response.getHeaders().add(k, v));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.body().length);
        response.write(true, ByteBuffer.wrap(page.body()), callback);
    }

    private Page overHttp(Request request) {
        String path = request.getHttpURI().getPath();
        Optional<String> answer = answers.forPath(path);
        if (answer.isPresent()) {
            return Page.text(200, answer.get());
        }
        if (path.startsWith(ChallengeAnswers.PREFIX)) {
            return Page.text(404, "no such challenge\n");
        }
        if (view.certified() && https != null) {
            String host = hostFor(request);
            int port = https.getLocalPort();
            return Page.redirect(301, "https://" + host + (port == 443 ? "" : ":" + port) + path);
        }
        if (!path.equals("/") || !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            return Page.text(404, "not found: this device serves only its onboarding status over HTTP\n");
        }
        return OnboardingPage.render(view);
    }

    /** The name the browser used, if it is one of this device's; otherwise the device's name. */
    private String hostFor(Request request) {
        String h = Request.getServerName(request);
        List<String> own = new ArrayList<>(List.of(view.name()));
        view.served().ifPresent(c -> own.addAll(c.leaf().ipAddresses()));
        if (h != null && own.contains(h.toLowerCase(java.util.Locale.ROOT))) {
            return h.contains(":") ? "[" + h + "]" : h;
        }
        return view.name();
    }

    private Page overHttps(Request request) throws Exception {
        String path = request.getHttpURI().getPath();
        Route r = routes.get(path);
        if (r != null) {
            return r.handle(request);
        }
        Optional<String> session = cookie(request);
        switch (path) {
            case "/" -> {
                return login.valid(session) ? AdminPages.admin(view) : AdminPages.login(200, "");
            }
            case "/login" -> {
                if (!request.getMethod().equals("POST")) {
                    return Page.redirect(303, "/");
                }
                if (!sameOrigin(request)) {
                    return Page.text(403, "cross-site request refused\n");
                }
                Optional<Fields> form = form(request);
                if (form.isEmpty()) {
                    return AdminPages.login(413, "The request is too large.");
                }
                String pw = Optional.ofNullable(form.get().getValue("password")).orElse("");
                InetAddress from = ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
                LoginGuard.Attempt a = login.login(from, pw.toCharArray());
                return switch (a.outcome()) {
                    case OK -> Page.redirect(303, "/").with("Set-Cookie", LoginGuard.COOKIE + "=" + a.token().orElseThrow()
                            + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + LoginGuard.SESSION.toSeconds());
                    case WRONG -> AdminPages.login(401, "Wrong password.");
                    case TOO_MANY -> AdminPages.login(429, "Too many wrong passwords: try again later.")
                            .with("Retry-After", Long.toString(Math.max(1, a.retryAfter().toSeconds())));
                };
            }
            case "/logout" -> {
                if (request.getMethod().equals("POST") && sameOrigin(request)) {
                    login.logout(session);
                }
                return Page.redirect(303, "/").with("Set-Cookie", LoginGuard.COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
            }
            default -> {
                return Page.text(404, "not found\n");
            }
        }
    }

    /** A POST must come from this origin (or name none, as non-browser clients do): the cookie is SameSite=Strict too. */
    private static boolean sameOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        return host != null && origin.equalsIgnoreCase("https://" + host);
    }

    private static Optional<String> cookie(Request request) {
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(LoginGuard.COOKIE)) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<Fields> form(Request request) throws Exception {
        long length = request.getLength();
        if (length < 0 || length > MAX_FORM) {
            return Optional.empty();
        }
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Fields f = new Fields();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                f.add(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.of(f);
    }

    private static HttpConfiguration config() {
        HttpConfiguration c = new HttpConfiguration();
        c.setSendServerVersion(false);
        c.setSendDateHeader(true);
        return c;
    }

    private static void configure(ServerConnector c, InetAddress bind, int port) {
        c.setHost(bind.isAnyLocalAddress() ? null : bind.getHostAddress());
        c.setPort(port);
        // JSSE writes each TLS record separately: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms (DESIGN.md §5).
        c.setAcceptedTcpNoDelay(true);
        c.setIdleTimeout(30_000);
    }

    private static void open(ServerConnector c, InetAddress bind, int port) throws IOException {
        try {
            c.open();
        } catch (IOException e) {
            throw new IOException(describe(bind, port) + (inUse(e) ? " is in use" : ": cannot listen there (" + e.getMessage() + ")"), e);
        }
    }

    private static void checkFree(InetAddress bind, int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            throw new IOException(describe(bind, port) + (inUse(e) ? " is in use" : ": cannot listen there (" + e.getMessage() + ")"), e);
        }
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException && String.valueOf(t.getMessage()).contains("in use")) {
                return true;
            }
        }
        return false;
    }

    static String describe(InetAddress a, int port) {
        String h = a.getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the web server", e);
        }
    }
}
