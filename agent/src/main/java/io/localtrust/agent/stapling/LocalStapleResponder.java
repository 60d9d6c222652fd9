package io.localtrust.agent.stapling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.OcspRequests;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * How the device staples a response <em>it</em> fetched and verified, with the JDK's TLS stack.
 *
 * <p>JSSE staples only what its own {@code StatusResponseManager} fetches: enabled by
 * {@code jdk.tls.server.enableStatusRequestExtension}, it requests the leaf's status from the AIA
 * URL <em>during the handshake</em> (blocking it up to {@code jdk.tls.stapling.responseTimeout}),
 * staples whatever parses — it checks no signature — and caches it for
 * {@code jdk.tls.stapling.cacheLifetime} seconds or until nextUpdate; there is no API to hand it a
 * response. Pointed straight at the gateway, a responder that is down would stall handshakes and
 * drop the staple as soon as the cache ages, and a forged answer would be stapled.
 *
 * <p>So this process answers OCSP itself, on a loopback port, with the responses its
 * {@link Stapler}s hold (fetched from the gateway in the background, verified, refreshed at half
 * their validity, kept until nextUpdate while the gateway is down), and JSSE is pointed at it with
 * {@code jdk.tls.stapling.responderOverride=true} and {@code responderURI}. The handshake's fetch
 * is then a loopback round trip; a certificate with no usable response gets a 404, and JSSE
 * staples nothing. These are JVM-wide settings, read when a TLS context is made: one responder
 * serves every device of the process (several, in a simulated fleet), keyed by serial.
 */
public final class LocalStapleResponder implements AutoCloseable {
    /** How long JSSE keeps a response before asking again: how soon a refreshed one is stapled. */
    public static final int JSSE_CACHE_SECONDS = 30;
    private final HttpServer server;
    private final Set<Stapler> staplers = ConcurrentHashMap.newKeySet();

    private LocalStapleResponder(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 (a free port) and configures JSSE server-side stapling to ask here. */
    public static LocalStapleResponder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        LocalStapleResponder r = new LocalStapleResponder(server);
        server.createContext("/ocsp", r::answer);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        System.setProperty("jdk.tls.server.enableStatusRequestExtension", "true");
        System.setProperty("jdk.tls.stapling.responderOverride", "true");
        System.setProperty("jdk.tls.stapling.responderURI", r.uri().toString());
        System.setProperty("jdk.tls.stapling.cacheLifetime", Integer.toString(JSSE_CACHE_SECONDS));
        System.setProperty("jdk.tls.stapling.responseTimeout", "1000");
        return r;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    /** Answers for the certificate {@code stapler} serves (looked up by serial at each request). */
    public void register(Stapler stapler) {
        staplers.add(stapler);
    }

    public void unregister(Stapler stapler) {
        staplers.remove(stapler);
    }

    private Optional<byte[]> lookup(BigInteger serial) {
        for (Stapler s : staplers) {
            if (s.leaf().map(l -> l.serial().equals(serial)).orElse(false)) {
                return s.current().map(Staple::der);
            }
        }
        return Optional.empty();
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
                ex.sendResponseHeaders(403, -1);
                return;
            }
            byte[] request;
            if ("POST".equals(ex.getRequestMethod())) {
                request = ex.getRequestBody().readNBytes(16 << 10);
            } else {
                String path = ex.getRequestURI().getRawPath();
                String b64 = URLDecoder.decode(path.substring(Math.min(path.length(), "/ocsp/".length())), StandardCharsets.US_ASCII);
                try {
                    request = Base64.getDecoder().decode(b64);
                } catch (IllegalArgumentException e) {
                    ex.sendResponseHeaders(400, -1);
                    return;
                }
            }
            List<BigInteger> serials;
            try {
                serials = OcspRequests.serials(request);
            } catch (CertificateParseException e) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            Optional<byte[]> der = serials.size() == 1 ? lookup(serials.get(0)) : Optional.empty();
            if (der.isEmpty()) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            ex.sendResponseHeaders(200, der.get().length);
            ex.getResponseBody().write(der.get());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
