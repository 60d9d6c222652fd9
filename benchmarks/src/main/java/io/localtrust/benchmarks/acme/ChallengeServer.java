package io.localtrust.benchmarks.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The devices' web servers for http-01 (RFC 8555 §8.3), in the load generator's process: one
 * listener per device address, all on the same port (the one the CA validates on), serving the
 * key authorization at {@code /.well-known/acme-challenge/TOKEN} while a client waits for its
 * validation, 404 otherwise. Listens on the given loopback addresses only.
 */
final class ChallengeServer implements AutoCloseable {
    private static final String PREFIX = "/.well-known/acme-challenge/";
    private final List<HttpServer> servers;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final LongAdder served = new LongAdder();

    private ChallengeServer(List<HttpServer> servers) {
        this.servers = servers;
    }

    /**
     * Listens on {@code port} of each address; all must be loopback addresses.
     *
     * @throws IOException naming the address when one cannot be bound (port in use)
     */
    static ChallengeServer start(List<InetAddress> addresses, int port) throws IOException {
        List<HttpServer> servers = new ArrayList<>();
        ChallengeServer c = new ChallengeServer(servers);
        try {
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException(a.getHostAddress() + " is not a loopback address");
                }
                HttpServer s;
                try {
                    s = HttpServer.create(new InetSocketAddress(a, port), 64);
                } catch (IOException e) {
                    throw new IOException("cannot listen on " + a.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
                }
                s.createContext(PREFIX, c::respond);
                s.start();
                servers.add(s);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void respond(HttpExchange exchange) throws IOException {
        try (exchange) {
            String answer = answers.get(exchange.getRequestURI().getPath().substring(PREFIX.length()));
            if (answer == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            served.increment();
        }
    }

    /** Serves {@code keyAuthorization} for {@code token} until {@link #forget}. */
    void answer(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    void forget(String token) {
        answers.remove(token);
    }

    /** Key authorizations served so far: every validation really fetched its token. */
    long served() {
        return served.sum();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
