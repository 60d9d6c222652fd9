package io.localtrust.scanner;

import com.sun.net.httpserver.HttpServer;
import io.localtrust.x509.CertificateMaker.Made;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The servers a scanner test runs against, all on loopback and all stopped by {@link #close}:
 * {@code openssl s_server} processes, JDK HTTP servers, and three misbehaving TCP servers (one
 * that accepts and never answers, one that resets, one that sends garbage).
 */
final class Peers implements AutoCloseable {
    private final Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private int files;

    Peers(Path dir) {
        this.dir = dir;
    }

    /** {@code openssl s_server} on {@code address:port} serving {@code leaf} (then {@code chain}), stapling {@code ocsp} if given. */
    void openssl(String address, int port, Made leaf, List<Made> chain, Optional<byte[]> ocsp) throws IOException, InterruptedException {
        openssl(address, port, leaf, chain, ocsp, List.of());
    }

    /** As above, with more {@code s_server} options (e.g. {@code -tls1_3} for a device that speaks TLS 1.3 only). */
    void openssl(String address, int port, Made leaf, List<Made> chain, Optional<byte[]> ocsp, List<String> options)
            throws IOException, InterruptedException {
        int n = files++;
        Path cert = dir.resolve("cert-" + n + ".pem");
        Files.writeString(cert, leaf.cert().pem());
        Path key = dir.resolve("key-" + n + ".pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(leaf.keyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-quiet", "-www", "-accept", address + ":" + port,
                "-cert", cert.toString(), "-key", key.toString()));
        cmd.addAll(options);
        if (!chain.isEmpty()) {
            Path rest = dir.resolve("chain-" + n + ".pem");
            Files.writeString(rest, chain.stream().map(c -> c.cert().pem()).reduce("", String::concat));
            cmd.addAll(List.of("-cert_chain", rest.toString()));
        }
        if (ocsp.isPresent()) {
            Path resp = dir.resolve("ocsp-" + n + ".der");
            Files.write(resp, ocsp.get());
            cmd.addAll(List.of("-status_file", resp.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("s_server-" + n + ".log").toFile()).start();
        running.add(() -> {
            p.destroy();
            p.waitFor();
        });
        awaitListening(address, port, p);
    }

    /** A JDK HTTP server answering {@code GET /} with a redirect to https://…:httpsPort/ or a page. */
    void http(String address, int port, Optional<Integer> redirectToHttpsPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 16);
        s.createContext("/", ex -> {
            if (redirectToHttpsPort.isPresent()) {
                ex.getResponseHeaders().add("Location", "https://" + address + ":" + redirectToHttpsPort.get() + "/");
                ex.sendResponseHeaders(301, -1);
            } else {
                byte[] page = "<h1>admin</h1>".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, page.length);
                ex.getResponseBody().write(page);
            }
            ex.close();
        });
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.start();
        running.add(() -> s.stop(0));
    }

    /** Accepts connections and never says a word. */
    void silent(String address, int port) throws IOException {
        tcp(address, port, c -> {
            // hold the connection open; the scanner must give up by itself
        });
    }

    /** Accepts and resets at once (RST, not FIN). */
    void resetting(String address, int port) throws IOException {
        tcp(address, port, c -> {
            c.setSoLinger(true, 0);
            c.close();
        });
    }

    /** Accepts, sends bytes that are neither TLS nor HTTP, and hangs up. */
    void garbage(String address, int port) throws IOException {
        tcp(address, port, c -> {
            OutputStream out = c.getOutputStream();
            out.write("ZZ\u0001\u0002 this is no protocol at all \u00ff\u00fe\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            c.close();
        });
    }

    private interface OnAccept {
        void accepted(Socket s) throws IOException;
    }

    private void tcp(String address, int port, OnAccept handler) throws IOException {
        ServerSocket ss = new ServerSocket(port, 50, InetAddress.getByName(address));
        List<Socket> held = new ArrayList<>();
        Thread t = Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket c = ss.accept();
                    synchronized (held) {
                        held.add(c);
                    }
                    handler.accepted(c);
                } catch (IOException e) {
                    return;
                }
            }
        });
        running.add(() -> {
            ss.close();
            t.join();
            synchronized (held) {
                for (Socket c : held) {
                    c.close();
                }
            }
        });
    }

    private static void awaitListening(String address, int port, Process p) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!p.isAlive()) {
                throw new IOException("openssl s_server on " + address + ":" + port + " exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("openssl s_server on " + address + ":" + port + " never listened");
    }

    /** A free TCP port on {@code address}. */
    static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }
}
