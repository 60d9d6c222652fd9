package io.localtrust.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a demo device's web server answers for http-01 (RFC 8555 §8.3): the key authorization at
 * {@code /.well-known/acme-challenge/TOKEN}, on 127.0.0.1 only, where the demo gateway validates.
 */
final class ChallengeResponder implements AutoCloseable {
    private static final String PREFIX = "/.well-known/acme-challenge/";
    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private ChallengeResponder(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1. */
    static ChallengeResponder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ChallengeResponder r = new ChallengeResponder(server);
        server.createContext(PREFIX, r::respond);
        server.start();
        return r;
    }

    private void respond(HttpExchange exchange) throws IOException {
        try (exchange) {
            String answer = answers.get(exchange.getRequestURI().getPath().substring(PREFIX.length()));
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    /** Serves {@code keyAuthorization} for {@code token} until {@link #forget}. */
    void answer(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    void forget(String token) {
        answers.remove(token);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
