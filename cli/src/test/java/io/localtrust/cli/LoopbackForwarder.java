package io.localtrust.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP port on 127.0.0.1 that forwards every connection, byte for byte, to another loopback
 * port — the network path to a gateway that a test can bring up late, or cut. Nothing listens on
 * {@link #port} until {@link #open()}; {@link #close()} also cuts the connections it carries (a
 * kept-alive HTTP connection must not outlive the path).
 */
final class LoopbackForwarder implements AutoCloseable {
    final int port;
    private final int target;
    private ServerSocket server;
    private final java.util.List<Socket> carried = new java.util.concurrent.CopyOnWriteArrayList<>();

    LoopbackForwarder(int port, int target) {
        this.port = port;
        this.target = target;
    }

    synchronized void open() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                    carried.add(in);
                    carried.add(out);
                    Thread.ofVirtual().start(() -> pump(in, out));
                    Thread.ofVirtual().start(() -> pump(out, in));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
            i.transferTo(o);
        } catch (IOException ended) {
            // either side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket s : carried) {
            s.close();
        }
        carried.clear();
    }
}
