package io.localtrust.acme.validation;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A tiny HTTP/1.1 server on a loopback address: it reads each request's head, records it, and
 * lets a handler write the raw response. Raw, so tests can send what real devices get wrong.
 */
final class LoopbackHttpServer implements AutoCloseable {
    /** A request as received: the request line and the headers (names lowercased). */
    record Request(String line, Map<String, String> headers) {
        String host() {
            return headers.get("host");
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(Request request, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LoopbackHttpServer(ServerSocket server, Handler handler) {
        this.server = server;
        this.handler = handler;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** Listens on {@code address:port} (0 for a free port). */
    static LoopbackHttpServer start(String address, int port, Handler handler) throws IOException {
        return new LoopbackHttpServer(new ServerSocket(port, 50, InetAddress.getByName(address)), handler);
    }

    /** The same over TLS, with a certificate from {@code tls}. */
    static LoopbackHttpServer startTls(String address, int port, SSLContext tls, Handler handler) throws IOException {
        return new LoopbackHttpServer(tls.getServerSocketFactory().createServerSocket(port, 50, InetAddress.getByName(address)), handler);
    }

    /** A response with a body and its length. */
    static Handler respond(int status, String body) {
        return (request, out) -> out.write(("HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length()
                + "\r\nContent-Type: text/plain\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A redirect. */
    static Handler redirect(int status, String location) {
        return (request, out) -> out.write(("HTTP/1.1 " + status + " Moved\r\nLocation: " + location
                + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    InetAddress address() {
        return server.getInetAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String line = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            Request r = new Request(line, headers);
            requests.add(r);
            OutputStream out = s.getOutputStream();
            handler.handle(r, out);
            out.flush();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away, or the test is over
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
