package io.localtrust.ladder;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker.Made;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A real HTTPS server (the JDK's) on a loopback address, presenting a given chain; answers "ok". */
final class TlsTestServer implements AutoCloseable {
    private final HttpsServer server;

    private TlsTestServer(HttpsServer server) {
        this.server = server;
    }

    static TlsTestServer start(String loopback, Made leaf, Cert... rest) throws IOException, GeneralSecurityException {
        return start(loopback, Optional.empty(), leaf, rest);
    }

    /** With a handler for the status token path (DESIGN.md §4). */
    static TlsTestServer start(String loopback, Optional<HttpHandler> status, Made leaf, Cert... rest)
            throws IOException, GeneralSecurityException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(loopback), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(leaf, rest)));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        status.ifPresent(h -> server.createContext("/.well-known/local-device/status", h));
        server.start();
        return new TlsTestServer(server);
    }

    static SSLContext serverContext(Made leaf, Cert... rest) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate[] chain = new X509Certificate[rest.length + 1];
        chain[0] = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(leaf.cert().der()));
        for (int i = 0; i < rest.length; i++) {
            chain[i + 1] = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(rest[i].der()));
        }
        char[] pw = "test".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("device", leaf.keyPair().getPrivate(), pw, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, pw);
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
    }
}
