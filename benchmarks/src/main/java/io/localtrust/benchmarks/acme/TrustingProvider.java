package io.localtrust.benchmarks.acme;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's generic provider for one load client: HTTPS trusting exactly the certificates of a PEM
 * file (the gateway's root, or the certificate pebble's front end was started with; host names
 * verified), over ONE {@link HttpClient} reused by every request of the client — acme4j would
 * otherwise build a client, and open a TLS connection, per request. HTTP/1.1 for every server, so
 * the gateway and pebble are spoken to alike. Counts the requests it sends, and (with a context from
 * {@link #counting}) the TLS connections it opens: the HTTP client makes one {@link SSLEngine} per
 * connection, so a server that closed its connections after each response would show here.
 */
final class TrustingProvider extends GenericAcmeProvider implements AutoCloseable {
    private final SSLContext tls;
    private final LongAdder requests;
    private HttpClient shared;

    TrustingProvider(SSLContext tls, LongAdder requests) {
        this.tls = tls;
        this.requests = requests;
    }

    /** A TLS context trusting the certificates in {@code pem} (one or more PEM blocks) and nothing else. */
    static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException(pem + " holds no PEM certificate");
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            anchors.setCertificateEntry("anchor-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * {@code tls}, counting in {@code connections} every client {@link SSLEngine} it makes — one per
     * TLS connection the {@link HttpClient} opens (a handshake each, full or resumed).
     */
    static SSLContext counting(SSLContext tls, LongAdder connections) {
        SSLContextSpi spi = new SSLContextSpi() {
            @Override
            protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
                throw new KeyManagementException("the counting context wraps one that is initialised already");
            }

            @Override
            protected SSLSocketFactory engineGetSocketFactory() {
                return tls.getSocketFactory();
            }

            @Override
            protected SSLServerSocketFactory engineGetServerSocketFactory() {
                return tls.getServerSocketFactory();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine() {
                connections.increment();
                return tls.createSSLEngine();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine(String host, int port) {
                connections.increment();
                return tls.createSSLEngine(host, port);
            }

            @Override
            protected SSLSessionContext engineGetServerSessionContext() {
                return tls.getServerSessionContext();
            }

            @Override
            protected SSLSessionContext engineGetClientSessionContext() {
                return tls.getClientSessionContext();
            }

            @Override
            protected SSLParameters engineGetDefaultSSLParameters() {
                return tls.getDefaultSSLParameters();
            }

            @Override
            protected SSLParameters engineGetSupportedSSLParameters() {
                return tls.getSupportedSSLParameters();
            }
        };
        return new SSLContext(spi, tls.getProvider(), tls.getProtocol()) {
        };
    }

    @Override
    protected HttpConnector createHttpConnector(NetworkSettings settings) {
        return new HttpConnector(settings) {
            @Override
            public HttpRequest.Builder createRequestBuilder(URL url) {
                requests.increment();
                return super.createRequestBuilder(url);
            }

            @Override
            public HttpClient.Builder createClientBuilder() {
                HttpClient client = client(super::createClientBuilder);
                return (HttpClient.Builder) Proxy.newProxyInstance(HttpClient.Builder.class.getClassLoader(),
                        new Class<?>[] {HttpClient.Builder.class}, (proxy, method, args) -> {
                            if (method.getName().equals("build") && method.getParameterCount() == 0) {
                                return client;
                            }
                            throw new UnsupportedOperationException("the load client's HTTP client is configured once");
                        });
            }
        };
    }

    /** The client's one HTTP client: made from acme4j's settings the first time, then kept. */
    private synchronized HttpClient client(Supplier<HttpClient.Builder> acme4jDefaults) {
        if (shared == null) {
            shared = acme4jDefaults.get().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        }
        return shared;
    }

    @Override
    public synchronized void close() {
        if (shared != null) {
            shared.close();
        }
    }
}
