package io.localtrust.fleet;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.practice.Practice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
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
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.LoggerFactory;

/**
 * A device of one of the six practices a device agent does not follow: a small web server with
 * an admin-page stand-in, over plain HTTP only ({@code NONE}) or over HTTPS with the key and chain
 * its practice gives it ({@link PracticeMaterial}). A Jetty server on the fleet's {@link AgentRuntime}
 * — its threads (virtual), timer and buffers, as the fleet's device agents — so a device costs a
 * listening socket and a TLS context, not platform threads (the JDK's HTTP server it used before took a
 * dispatcher and a timer thread per device: 1,742 threads measured in a 1,000-device fleet of every practice).
 */
final class StaticDevice implements AutoCloseable {
    private static final char[] PASS = "in-memory".toCharArray();
    private final Server server;
    private final ServerConnector connector;

    private StaticDevice(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Plain HTTP on {@code address:port} ({@code NONE}). */
    static StaticDevice http(AgentRuntime runtime, String name, InetAddress address, int port) throws IOException {
        return start(runtime, Optional.empty(), name, Practice.NONE, address, port);
    }

    /** HTTPS on {@code address:port} with {@code served}'s key and chain. */
    static StaticDevice https(AgentRuntime runtime, String name, Practice practice, InetAddress address, int port,
                              PracticeMaterial.Served served) throws IOException, GeneralSecurityException {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(context(served));
        tls.setSniRequired(false);
        return start(runtime, Optional.of(tls), name, practice, address, port);
    }

    private static StaticDevice start(AgentRuntime runtime, Optional<SslContextFactory.Server> tls, String name, Practice practice,
                                      InetAddress address, int port) throws IOException {
        Server server = new Server(runtime.threads(), runtime.scheduler(), runtime.buffers());
        server.setStopAtShutdown(false);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        if (tls.isPresent()) {
            // Jetty would add one that refuses (400 "Invalid SNI") a host name the certificate does not name: a shared
            // or public-CA certificate rarely names the address a browser or scanner uses, and real devices answer anyway.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            config.addCustomizer(secure);
        }
        HttpConnectionFactory http = new HttpConnectionFactory(config);
        ServerConnector c = tls.isPresent()
                ? new ServerConnector(server, 0, 1, new SslConnectionFactory(tls.get(), HttpVersion.HTTP_1_1.asString()), http)
                : new ServerConnector(server, 0, 1, http);
        c.setHost(address.getHostAddress());
        c.setPort(port);
        c.setAcceptedTcpNoDelay(true); // JSSE writes each record separately: without it, Nagle + delayed ACK stall (DESIGN.md §5)
        c.setIdleTimeout(30_000);
        try {
            c.open();
        } catch (IOException e) {
            throw new IOException(address.getHostAddress() + ":" + port + (inUse(e) ? " is in use"
                    : ": cannot listen there (" + e.getMessage() + ")"), e);
        }
        server.addConnector(c);
        byte[] page = ("<!doctype html><meta charset=utf-8><title>" + name + "</title><h1>" + name + "</h1><p>A simulated device"
                + " following practice " + practice.seedLabel() + " (" + practice.title() + ").</p>\n").getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.length);
                response.write(true, ByteBuffer.wrap(page), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            c.close();
            throw new IOException(address.getHostAddress() + ":" + port + ": the web server did not start (" + e.getMessage() + ")", e);
        }
        return new StaticDevice(server, c);
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static SSLContext context(PracticeMaterial.Served served) throws GeneralSecurityException, IOException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<Certificate> chain = new ArrayList<>();
        for (var c : served.chain().certs()) {
            chain.add(cf.generateCertificate(new ByteArrayInputStream(c.der())));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("device", served.key(), PASS, chain.toArray(Certificate[]::new)); // in memory only
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, PASS);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LoggerFactory.getLogger(StaticDevice.class).debug("stopping a simulated device's web server", e);
        }
    }
}
