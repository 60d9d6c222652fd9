package io.localtrust.acme;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device's http-01 answers (RFC 8555 §8.3) on a loopback port the gateway validates on: the key
 * authorization for each token the test hands it, 404 for any other path. Also makes sure acme4j
 * (the client side, as on a device) finds the "BC" provider it asks for by name.
 */
final class Http01Responder implements AutoCloseable {
    private static final String PREFIX = "/.well-known/acme-challenge/";
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final HttpServer server;

    private Http01Responder(HttpServer server) {
        this.server = server;
    }

    static Http01Responder start() throws IOException {
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(io.localtrust.x509.BouncyCastle.provider());
        }
        Http01Responder r = new Http01Responder(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        r.server.createContext(PREFIX, exchange -> {
            String answer = r.answers.get(exchange.getRequestURI().getPath().substring(PREFIX.length()));
            byte[] body = (answer == null ? "" : answer).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        r.server.start();
        return r;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answer(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
