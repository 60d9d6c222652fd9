package io.localtrust.cli;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A device with a unique self-signed certificate (U-S/S): {@code openssl s_server -www} on a
 * loopback address and a free port, its certificate and key made by {@code openssl req -x509}.
 */
final class SelfSignedDevice implements AutoCloseable {
    final String address;
    final int port;
    private final Process process;

    SelfSignedDevice(Path dir, String address, String name) throws Exception {
        this.address = address;
        Files.createDirectories(dir);
        Process req = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name, "-days", "30", "-keyout", "key.pem", "-out", "cert.pem")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("req.log").toFile()).start();
        if (!req.waitFor(60, TimeUnit.SECONDS) || req.exitValue() != 0) {
            throw new IllegalStateException("openssl req failed: " + Files.readString(dir.resolve("req.log")));
        }
        this.port = GatewayProcess.freePort();
        process = new ProcessBuilder(List.of("openssl", "s_server", "-quiet", "-www", "-accept", address + ":" + port, "-cert", "cert.pem",
                "-key", "key.pem")).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("s_server.log").toFile())
                .start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
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
