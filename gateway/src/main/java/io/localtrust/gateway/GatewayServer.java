package io.localtrust.gateway;

import io.localtrust.acme.http.AcmeHandler;
import io.localtrust.localdns.DnsServer;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.gateway.console.ConsoleHandler;
import io.localtrust.gateway.mdns.MdnsDiscovery;
import io.localtrust.gateway.scans.ConsoleScanner;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: two Jetty servers' worth of connectors over one opened {@link Gateway}.
 * Plain HTTP serves OCSP, the CRLs and the CA certificates; HTTPS serves the same plus the admin
 * API and ACME, with a certificate the gateway issues itself at start and renews while it runs
 * ({@link TlsRenewal}). One scheduler thread polls the store's revision ({@link ChangeWatcher}),
 * refreshes pre-signed OCSP answers and the CRLs before they age, and renews the TLS certificate
 * when due.
 *
 * <p>Start-up order matters: both ports are bound first (a port in use stops the start before
 * anything is signed or stored), then the TLS certificate is issued, the CRL and OCSP answers
 * signed, and only then are requests accepted. {@link #close()} stops Jetty and the scheduler;
 * the caller still owns (and closes) the {@link Gateway}.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** How often aged OCSP answers and the CRL are checked for refresh. */
    static final Duration REFRESH_CHECK = Duration.ofMinutes(1);

    private final Server server;
    private final ServerConnector https;
    private final ServerConnector http;
    private final ScheduledExecutorService scheduler;
    private final TlsRenewal tls;
    private final OcspResponder ocsp;
    private final Issuers issuers;
    private final ExecutorService validations;
    private final Optional<DnsServer> dns;
    private final Optional<MdnsDiscovery> mdns;
    private final ConsoleScanner scans;

    private GatewayServer(Server server, ServerConnector https, ServerConnector http, ScheduledExecutorService scheduler,
                          TlsRenewal tls, OcspResponder ocsp, Issuers issuers, ExecutorService validations,
                          Optional<DnsServer> dns, Optional<MdnsDiscovery> mdns, ConsoleScanner scans) {
        this.scans = scans;
        this.mdns = mdns;
        this.validations = validations;
        this.dns = dns;
        this.server = server;
        this.https = https;
        this.http = http;
        this.scheduler = scheduler;
        this.tls = tls;
        this.ocsp = ocsp;
        this.issuers = issuers;
    }

    /**
     * Binds, certifies itself, pre-signs and starts serving.
     *
     * @throws StartupRefused a port in use, an address that cannot be bound, nothing to certify
     */
    public static GatewayServer start(Gateway gateway, ServerSettings settings, Clock clock, SecureRandom random)
            throws StartupRefused, StoreException {
        // Requests run on virtual threads: a blocking store call or an issuance waiting for its
        // durable commit parks a cheap thread, not one of the few platform threads.
        org.eclipse.jetty.util.thread.QueuedThreadPool threads = new org.eclipse.jetty.util.thread.QueuedThreadPool();
        threads.setName("gateway-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ExecutorService validations = Executors.newVirtualThreadPerTaskExecutor();
        server.setStopAtShutdown(false);
        server.setErrorHandler(JettyAdapter.errorHandler());
        HttpConfiguration plain = httpConfiguration();
        HttpConfiguration secure = httpConfiguration();
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false);
        secure.addCustomizer(src);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ServerConnector http = new ServerConnector(server, new HttpConnectionFactory(plain));
        ServerConnector https = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(secure));
        for (var c : List.of(http, https)) {
            // JSSE writes each TLS record separately: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms.
            c.setAcceptedTcpNoDelay(true);
            c.setIdleTimeout(30_000);
        }
        bind(http, settings.httpListen());
        bind(https, settings.httpsListen());
        server.addConnector(http);
        server.addConnector(https);
        ScheduledExecutorService scheduler = null;
        Optional<DnsServer> dns = Optional.empty();
        Optional<MdnsDiscovery> mdns = Optional.empty();
        ConsoleScanner scans = null;
        try {
            dns = startDns(gateway, settings, clock);
            mdns = startMdns(gateway, settings, https.getLocalPort(), clock);
            TlsRenewal tls = TlsRenewal.start(gateway,
                    TlsIdentity.identities(gateway, settings.tlsNames(), settings.httpsListen().getAddress()), ssl, clock, random);

            Issuers issuers = new Issuers(gateway.issuers(), gateway.store(), clock);
            OcspResponder ocsp = new OcspResponder(issuers, gateway.store(), clock);
            ChangeWatcher watcher = new ChangeWatcher(gateway.store(), ocsp, issuers);
            RootRevocationWatch rootWatch = new RootRevocationWatch(gateway, issuers, ocsp);
            rootWatch.poll();
            watcher.poll();
            int signed = ocsp.presignAll();
            LOG.info("pre-signed {} OCSP responses for {}", signed, issuers.live());

            Routes open = new Routes()
                    .add("POST", "/ocsp", ocsp::post)
                    .add("POST", "/ocsp/", ocsp::post)
                    .add("GET", "/ocsp/**", ocsp::get)
                    .addAll(new CrlEndpoint(issuers).routes())
                    .addAll(new RootCrlEndpoint(gateway.files().rootCrl()).routes())
                    .addAll(CaCertificatesEndpoint.routes(gateway.root(), gateway.intermediate()));
            Approvals approvals = new Approvals(gateway.store(), gateway.config().names(), clock);
            AdminApi api = new AdminApi(gateway.store(), approvals,
                    new PairingApi(gateway.pairings(), clock), gateway.config().adminTokenHash(), watcher::poll);
            Routes overHttp = new Routes().addAll(open)
                    .add("GET", "/api/**", c -> {
                        throw adminOverHttp();
                    })
                    .add("POST", "/api/**", c -> {
                        throw adminOverHttp();
                    });
            Routes overHttps = new Routes().addAll(open).addAll(api.routes());
            JettyAdapter plainHandler = new JettyAdapter(overHttp);
            JettyAdapter secureHandler = new JettyAdapter(overHttps);
            Optional<MdnsDiscovery> discovery = mdns;
            scans = new ConsoleScanner(gateway.store(), gateway.store(), gateway.root(), InetAddress::getByName,
                    io.localtrust.scanner.ScanSettings.DEFAULT_TIMEOUT, clock, random);
            scans.recover();
            ConsoleHandler console = ConsoleHandler.create(gateway, approvals, watcher::poll,
                    consoleOrigin(settings, https), () -> discovery.map(MdnsDiscovery::candidates), scans,
                    new InetSocketAddress(settings.httpsListen().getAddress(), https.getLocalPort()), clock, random);
            AcmeHandler acme = new AcmeHandler(AcmeFront.server(gateway, settings.acme(), clock, random, validations));
            server.setHandler(new org.eclipse.jetty.server.Handler.Abstract() {
                @Override
                public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                      org.eclipse.jetty.util.Callback callback) throws Exception {
                    if (request.getConnectionMetaData().getConnector() != https) {
                        return console.handle(request, response, callback) || plainHandler.handle(request, response, callback);
                    }
                    return acme.handle(request, response, callback) || console.handle(request, response, callback)
                            || secureHandler.handle(request, response, callback);
                }
            });
            server.start();

            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gateway-refresh");
                t.setDaemon(true);
                return t;
            });
            long poll = settings.pollInterval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> quietly("store poll", () -> {
                rootWatch.poll();
                watcher.poll();
            }), poll, poll, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(tls::tick, poll, poll, TimeUnit.MILLISECONDS);
            long check = REFRESH_CHECK.toMillis();
            scheduler.scheduleWithFixedDelay(() -> quietly("refresh", () -> {
                int n = ocsp.refreshStale();
                if (n > 0) {
                    LOG.info("re-signed {} aged OCSP responses", n);
                }
                for (LiveIssuer i : issuers.live()) {
                    if (i.crl().refreshIfDue()) {
                        LOG.info("re-signed the CRL of {} before its nextUpdate", i);
                    }
                }
            }), check, check, TimeUnit.MILLISECONDS);
            return new GatewayServer(server, https, http, scheduler, tls, ocsp, issuers, validations, dns, mdns, scans);
        } catch (StartupRefused | StoreException | RuntimeException e) {
            if (scans != null) {
                scans.close();
            }
            mdns.ifPresent(MdnsDiscovery::close);
            dns.ifPresent(DnsServer::close);
            stopQuietly(server, scheduler);
            validations.shutdownNow();
            throw e;
        } catch (Exception e) {
            if (scans != null) {
                scans.close();
            }
            mdns.ifPresent(MdnsDiscovery::close);
            dns.ifPresent(DnsServer::close);
            stopQuietly(server, scheduler);
            validations.shutdownNow();
            throw new StartupRefused("the HTTP server did not start: " + e.getMessage(), e);
        }
    }

    private static Optional<MdnsDiscovery> startMdns(Gateway gateway, ServerSettings settings, int httpsPort, Clock clock)
            throws StartupRefused {
        if (settings.mdns().isEmpty()) {
            return Optional.empty();
        }
        InetAddress at = settings.mdns().get();
        try {
            return Optional.of(MdnsDiscovery.start(at, gateway.config().name(), httpsPort, clock));
        } catch (IOException e) {
            throw new StartupRefused("mDNS on " + at.getHostAddress() + ": cannot announce or browse there (" + e.getMessage() + ")", e);
        }
    }

    /** The mDNS announcer and browser, if asked for. */
    public Optional<MdnsDiscovery> mdns() {
        return mdns;
    }

    private static Optional<DnsServer> startDns(Gateway gateway, ServerSettings settings, Clock clock) throws StartupRefused {
        if (settings.dns().isEmpty()) {
            return Optional.empty();
        }
        ServerSettings.Dns d = settings.dns().get();
        try {
            return Optional.of(DnsServer.start(d.zone(), gateway.store(), d.listen(), d.limits(), clock));
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new StartupRefused("DNS on " + ServerSettings.describe(d.listen())
                    + (m.contains("in use") ? " is in use" : ": cannot listen there (" + m + ")"), e);
        }
    }

    /** The HTTPS origin by the gateway's first TLS name and the bound port: where the console's trust check goes. */
    private static String consoleOrigin(ServerSettings settings, ServerConnector https) {
        int port = https.getLocalPort();
        return "https://" + settings.tlsNames().get(0) + (port == 443 ? "" : ":" + port);
    }

    /** The console's address by the gateway's first TLS name (what a browser on the LAN opens). */
    public URI consoleUrl() {
        return URI.create("https://" + tls.identities().get(0) + (httpsPort() == 443 ? "" : ":" + httpsPort()) + "/console/");
    }

    /** Where the local zone answers (UDP and TCP), if it was asked for. */
    public Optional<InetSocketAddress> dnsAddress() {
        return dns.map(DnsServer::address);
    }

    private static HttpProblem adminOverHttp() {
        return new HttpProblem(404, "https-only", "Not found", "the admin API is served only over HTTPS (--listen)");
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration c = new HttpConfiguration();
        c.setSendServerVersion(false);
        c.setSendDateHeader(true);
        // OCSP GET carries base64, whose '/' may arrive percent-encoded: our router reads the raw path itself.
        c.setUriCompliance(UriCompliance.DEFAULT.with("ocsp-get", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        return c;
    }

    private static void bind(ServerConnector c, InetSocketAddress at) throws StartupRefused {
        c.setHost(at.getAddress().isAnyLocalAddress() ? null : at.getAddress().getHostAddress());
        c.setPort(at.getPort());
        try {
            c.open();
        } catch (IOException e) {
            // Jetty wraps the BindException in "Failed to bind to …".
            Throwable cause = e;
            while (cause != null && !(cause instanceof BindException)) {
                cause = cause.getCause();
            }
            String m = String.valueOf((cause == null ? e : cause).getMessage());
            throw new StartupRefused(ServerSettings.describe(at)
                    + (m.contains("in use") ? " is in use" : ": cannot listen there (" + m + ")"), e);
        }
    }

    private interface Task {
        void run() throws Exception;
    }

    private static void quietly(String what, Task t) {
        try {
            t.run();
        } catch (Exception e) {
            LOG.warn("{} failed: {}", what, e.getMessage());
        }
    }

    private static void stopQuietly(Server server, ScheduledExecutorService scheduler) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping after a failed start", e);
        }
        for (var c : server.getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.close();
            }
        }
    }

    public int httpPort() {
        return http.getLocalPort();
    }

    public int httpsPort() {
        return https.getLocalPort();
    }

    public URI httpUrl() {
        return URI.create("http://" + hostFor(http) + ":" + httpPort() + "/");
    }

    public URI httpsUrl() {
        return URI.create("https://" + hostFor(https) + ":" + httpsPort() + "/");
    }

    private static String hostFor(ServerConnector c) {
        String h = c.getHost() == null ? "127.0.0.1" : c.getHost();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The certificate the HTTPS endpoint presents to new handshakes (issued at start, renewed by {@link TlsRenewal}). */
    public Cert tlsCertificate() {
        return tls.status().serving();
    }

    /** The names and addresses in {@link #tlsCertificate()}. */
    public List<String> tlsIdentities() {
        return tls.identities();
    }

    /** Where the renewal of {@link #tlsCertificate()} stands. */
    RenewalStatus tlsRenewal() {
        return tls.status();
    }

    /** Pre-signed OCSP answers held. */
    public int ocspCached() {
        return ocsp.cached();
    }

    /** The CRL number now served for the current issuing CA. */
    public java.math.BigInteger crlNumber() {
        return issuers.current().crl().current().number();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting, finishes in-flight requests (briefly), stops the scheduler. Idempotent. */
    @Override
    public void close() {
        scans.close();
        mdns.ifPresent(MdnsDiscovery::close);
        dns.ifPresent(DnsServer::close);
        scheduler.shutdownNow();
        validations.shutdownNow();
        try {
            server.setStopTimeout(2_000);
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server: {}", e.getMessage());
        }
    }
}
