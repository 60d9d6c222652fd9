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
    /**
     * The one listener of this JVM. JSSE reads {@code responderURI} whenever a TLS context is made
     * (a Jetty reload after a certificate swap makes one), so the URI must never change nor point at
     * a closed port: the listener is started once, on daemon threads, and lives as long as the JVM.
     */
    private static HttpServer server;
    /** Every registered stapler of the process, whichever handle registered it. */
    private static final Set<Stapler> ALL = ConcurrentHashMap.newKeySet();
    private final Set<Stapler> mine = ConcurrentHashMap.newKeySet();

    private LocalStapleResponder() {
    }

    /**
     * A handle on the process's responder: listens on 127.0.0.1 (a free port, the first time) and
     * configures JSSE server-side stapling to ask there. {@link #close()} withdraws this handle's
     * staplers; the listener stays for the other handles and for TLS contexts already made.
     */
    public static LocalStapleResponder start() throws IOException {
        synchronized (LocalStapleResponder.class) {
            if (server == null) {
                server = listen();
                System.setProperty("jdk.tls.server.enableStatusRequestExtension", "true");
                System.setProperty("jdk.tls.stapling.responderOverride", "true");
                System.setProperty("jdk.tls.stapling.responderURI", uriOf(server).toString());
                System.setProperty("jdk.tls.stapling.cacheLifetime", Integer.toString(JSSE_CACHE_SECONDS));
                System.setProperty("jdk.tls.stapling.responseTimeout", "1000");
            }
        }
        return new LocalStapleResponder();
    }

    /** Started from a daemon thread so that its dispatcher thread is a daemon too: it never holds the JVM open. */
    private static HttpServer listen() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.createContext("/ocsp", LocalStapleResponder::answer);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Thread starter = Thread.ofPlatform().daemon().name("staple-responder-start").unstarted(s::start);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.stop(0);
            throw new IOException("interrupted while starting the local OCSP staple responder", e);
        }
        return s;
    }

    private static URI uriOf(HttpServer s) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/ocsp");
    }

    public URI uri() {
        synchronized (LocalStapleResponder.class) {
            return uriOf(server);
        }
    }

    /** Answers for the certificate {@code stapler} serves (looked up by serial at each request). */
    public void register(Stapler stapler) {
        mine.add(stapler);
        ALL.add(stapler);
    }

    public void unregister(Stapler stapler) {
        if (mine.remove(stapler)) {
            ALL.remove(stapler);
        }
    }

    private static Optional<byte[]> lookup(BigInteger serial) {
        for (Stapler s : ALL) {
            if (s.leaf().map(l -> l.serial().equals(serial)).orElse(false)) {
                return s.current().map(Staple::der);
            }
        }
        return Optional.empty();
    }

    private static void answer(HttpExchange ex) throws IOException {
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
        for (Stapler s : mine) {
            unregister(s);
        }
    }
}
