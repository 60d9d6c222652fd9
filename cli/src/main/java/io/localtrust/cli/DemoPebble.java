package io.localtrust.cli;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Debian's {@code pebble} (Let's Encrypt's test CA) as the demo's public CA, on loopback: its ACME
 * server on a certificate made here, its DNS-01 lookups sent to the demo's names service only.
 */
final class DemoPebble implements AutoCloseable {
    final Path wfeCert;
    final int port;
    final int managementPort;
    private final Process process;
    private final Path log;

    /** Whether {@code pebble} is on the PATH. */
    static boolean installed() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "pebble"))) {
                return true;
            }
        }
        return false;
    }

    DemoPebble(Path dir, InetSocketAddress dns, Instant now, SecureRandom random) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        CertificateMaker.Made wfe = CertificateMaker.at(now, random).commonName("localhost").key(KeyKind.EC_P256).dns("localhost")
                .ip("127.0.0.1").serverAuth().lifetime(Duration.ofDays(2)).make();
        wfeCert = dir.resolve("wfe-cert.pem");
        Files.writeString(wfeCert, wfe.cert().pem());
        Path key = dir.resolve("wfe-key.pem");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(new JcaPKCS8Generator(wfe.keyPair().getPrivate(), null));
        }
        Files.writeString(key, pem.toString());
        port = freePort();
        managementPort = freePort();
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(port, managementPort, wfeCert, key, freePort(), freePort()));
        log = dir.resolve("pebble.log");
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(), "-dnsserver",
                "127.0.0.1:" + dns.getPort()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        process = pb.start();
        for (int p : new int[] {port, managementPort}) {
            waitListening(p);
        }
    }

    String directory() {
        return "https://127.0.0.1:" + port + "/dir";
    }

    private void waitListening(int p) throws IOException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (!process.isAlive()) {
                throw new IOException("pebble exited: " + Files.readString(log).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("pebble did not listen on 127.0.0.1:" + p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
