package io.localtrust.ladder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server for revocation tests: each path answers with what the test sets (an
 * OCSP responder's answer, a CRL, a stall), and every request is counted, so a test sees at the
 * server whether the ladder asked.
 */
final class RevocationServer implements AutoCloseable {
    /** What one path answers: the body for the request's body and path. */
    @FunctionalInterface
    interface Answer {
        byte[] answer(byte[] requestBody, String requestPath) throws Exception;
    }

    private final HttpServer server;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    RevocationServer(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Serves {@code path} (and everything under it) with {@code answer}. */
    RevocationServer on(String path, String contentType, Answer answer) {
        counts.put(path, new AtomicInteger());
        server.createContext(path, exchange -> handle(exchange, path, contentType, answer));
        return this;
    }

    private void handle(HttpExchange exchange, String path, String contentType, Answer answer) throws IOException {
        counts.get(path).incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] out;
            try {
                out = answer.answer(body, exchange.getRequestURI().getRawPath());
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    int requests(String path) {
        return counts.get(path).get();
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
