package io.localtrust.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

/**
 * A device with a self-signed certificate: {@code openssl s_server} on a loopback address and a
 * free port, its certificate and key made by {@code openssl req -x509}. Stopped by {@link #close}.
 */
final class SelfSignedServer implements AutoCloseable {
    final String address;
    final int port;
    private final Process process;

    SelfSignedServer(Path dir, String address, String name) throws IOException, InterruptedException {
        this.address = address;
        TestGateways.Run req = TestGateways.openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name, "-days", "30", "-keyout", name + ".key", "-out", name + ".pem");
        if (req.exit() != 0) {
            throw new IllegalStateException("openssl req failed: " + req.output());
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            this.port = s.getLocalPort();
        }
        process = new ProcessBuilder(List.of("openssl", "s_server", "-quiet", "-www", "-accept", address + ":" + port,
                "-cert", name + ".pem", "-key", name + ".key")).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket probe = new Socket(address, port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    process.destroy();
                    throw new IllegalStateException("openssl s_server did not listen on " + address + ":" + port);
                }
                Thread.sleep(50);
            }
        }
    }

    String target() {
        return address + ":" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
