package io.localtrust.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staple over the wire: openssl's {@code s_server -status_file} staples our OCSP response, the
 * probe's JSSE client asks for it (status_request) and the ladder judges it.
 */
class OpensslStapleTest {
    @TempDir
    Path dir;

    private final Pki pki = new Pki();
    private final Made leaf = pki.gatewayLeaf("printer.home.arpa", "127.0.51.4");

    @Test
    void aGoodStapleIsReadFromTheHandshake() throws Exception {
        ProbeResult r = probeWith(Optional.empty());
        assertThat(r.decision().verdict()).as(r.decision().reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(r.decision().has("OCSP_GOOD")).isTrue();
    }

    @Test
    void aRevokedStapleRejects() throws Exception {
        ProbeResult r = probeWith(Optional.of(TestCerts.NOW.minusSeconds(600)));
        assertThat(r.decision().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(r.decision().has("OCSP_REVOKED")).isTrue();
    }

    private ProbeResult probeWith(Optional<Instant> revokedAt) throws Exception {
        Files.writeString(dir.resolve("leaf.pem"), leaf.cert().pem());
        Files.writeString(dir.resolve("chain.pem"), pki.gatewayIssuer.cert().pem());
        Files.writeString(dir.resolve("key.pem"), TestCerts.pem("PRIVATE KEY", leaf.keyPair().getPrivate().getEncoded()));
        Files.write(dir.resolve("ocsp.der"), OcspResponses.make(leaf.cert(), pki.gatewayIssuer.cert(), pki.gatewayIssuer,
                revokedAt, TestCerts.NOW.minusSeconds(60), Duration.ofDays(1), TestCerts.random(11)));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.51.4:" + port, "-cert", "leaf.pem",
                "-key", "key.pem", "-cert_chain", "chain.pem", "-status_file", "ocsp.der", "-www", "-quiet")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            awaitListening(port);
            Prober prober = new Prober(new Ladder(pki.config(), Pki.CLOCK), Pki.CLOCK, new SecureRandom());
            return prober.probe(URI.create("https://127.0.51.4:" + port + "/"), false);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.51.4", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("openssl s_server did not listen on 127.0.51.4:" + port);
    }
}
