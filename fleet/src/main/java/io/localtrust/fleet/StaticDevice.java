package io.localtrust.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.localtrust.practice.Practice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A device of one of the six practices a device agent does not follow: a small web server with
 * an admin-page stand-in, over plain HTTP only ({@code NONE}) or over HTTPS with the key and chain
 * its practice gives it ({@link PracticeMaterial}). JDK HTTP server, requests on virtual threads.
 */
final class StaticDevice implements AutoCloseable {
    private static final char[] PASS = "in-memory".toCharArray();
    private final HttpServer server;
    private final ExecutorService requests;

    private StaticDevice(HttpServer server, ExecutorService requests) {
        this.server = server;
        this.requests = requests;
    }

    /** Plain HTTP on {@code address:port} ({@code NONE}). */
    static StaticDevice http(String name, InetAddress address, int port) throws IOException {
        return start(HttpServer.create(), name, Practice.NONE, address, port);
    }

    /** HTTPS on {@code address:port} with {@code served}'s key and chain. */
    static StaticDevice https(String name, Practice practice, InetAddress address, int port, PracticeMaterial.Served served)
            throws IOException, GeneralSecurityException {
        HttpsServer s = HttpsServer.create();
        s.setHttpsConfigurator(new HttpsConfigurator(context(served)));
        return start(s, name, practice, address, port);
    }

    private static StaticDevice start(HttpServer s, String name, Practice practice, InetAddress address, int port) throws IOException {
        try {
            s.bind(new InetSocketAddress(address, port), 64);
        } catch (IOException e) {
            throw new IOException(address.getHostAddress() + ":" + port + (e instanceof java.net.BindException ? " is in use"
                    : ": cannot listen there (" + e.getMessage() + ")"), e);
        }
        byte[] page = ("<!doctype html><meta charset=utf-8><title>" + name + "</title><h1>" + name + "</h1><p>A simulated device"
                + " following practice " + practice.seedLabel() + " (" + practice.title() + ").</p>\n").getBytes(StandardCharsets.UTF_8);
        s.createContext("/", ex -> answer(ex, page));
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        s.setExecutor(requests);
        s.start();
        return new StaticDevice(s, requests);
    }

    private static void answer(HttpExchange ex, byte[] page) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
        }
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
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
    }
}
