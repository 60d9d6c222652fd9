package io.localtrust.names;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Debian's {@code pebble} (Let's Encrypt's test CA) playing the public CA, on loopback: its ACME
 * server on a self-signed certificate made here, its DNS-01 lookups sent to {@code dnsServer}
 * (ours) and nowhere else, no random validation sleeps or nonce rejections.
 */
public final class Pebble implements AutoCloseable {
    public final Path dir;
    public final Path wfeCert;
    public final int port;
    public final int managementPort;
    private final Process process;

    public Pebble(Path dir, InetSocketAddress dnsServer) throws Exception {
        this.dir = Files.createDirectories(dir);
        CertificateMaker.Made wfe = CertificateMaker.at(Instant.now(), new SecureRandom()).commonName("localhost").key(KeyKind.EC_P256)
                .dns("localhost").ip("127.0.0.1").serverAuth().lifetime(Duration.ofDays(2)).make();
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
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(), "-dnsserver",
                "127.0.0.1:" + dnsServer.getPort()).redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("PEBBLE_VA_NOSLEEP", "1");
        env.put("PEBBLE_WFE_NONCEREJECT", "0");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("pebble is not installed: apt-get install pebble (scripts/test does)", e);
        }
        waitListening(port);
        waitListening(managementPort);
    }

    public String directory() {
        return "https://127.0.0.1:" + port + "/dir";
    }

    /** The root pebble issues under (it makes a new one at each start), PEM. */
    public String root() throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(Running.trusting(Files.readString(wfeCert))).build();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        if (r.statusCode() != 200) {
            throw new IOException("pebble's root: HTTP " + r.statusCode());
        }
        return r.body();
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("pebble.log"));
    }

    private void waitListening(int p) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (!process.isAlive()) {
                throw new IOException("pebble exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("pebble did not listen on " + p + ": " + log());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code cmd} with {@code env} added (proxies removed: nothing leaves loopback); its output. */
    static String run(List<String> cmd, Map<String, String> env, Path log, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.getFirst() + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new AssertionError(cmd.getFirst() + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
