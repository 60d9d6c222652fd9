package io.localtrust.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import io.localtrust.tokens.DeviceStatus;
import io.localtrust.tokens.Nonce;
import io.localtrust.tokens.SignedToken;
import io.localtrust.tokens.StatusReport;
import io.localtrust.tokens.StatusTokenSigner;
import io.localtrust.tokens.TokenFormat;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker.Made;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probe against real servers on loopback: a device with a status token, garbage, a stall, nothing. */
class ProberTest {
    private final Pki pki = new Pki();
    private final Prober prober = new Prober(new Ladder(pki.config(), Pki.CLOCK), Pki.CLOCK, new SecureRandom());

    @Test
    void probesChainAndStatusToken() throws Exception {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        StatusTokenSigner signer = new StatusTokenSigner(leaf.keyPair().getPrivate(),
                new CertChain(List.of(leaf.cert(), pki.gatewayIssuer.cert())), Pki.CLOCK, Duration.ofMinutes(2));
        HttpHandler status = exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            Nonce nonce = new Nonce(java.net.URLDecoder.decode(query.substring("nonce=".length()),
                    java.nio.charset.StandardCharsets.US_ASCII));
            try {
                SignedToken t = signer.sign(TokenFormat.JWT, new StatusReport("printer.home.arpa", "4.2.1",
                        DeviceStatus.OK), Optional.of(nonce));
                exchange.getResponseHeaders().add("Content-Type", t.mediaType());
                exchange.sendResponseHeaders(200, t.encoded().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(t.encoded());
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        };
        try (TlsTestServer server = TlsTestServer.start("127.0.51.1", Optional.of(status), leaf, pki.gatewayIssuer.cert())) {
            ProbeResult r = prober.probe(URI.create("https://printer.home.arpa:" + server.port() + "/"), true);
            Decision d = r.decision();
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(d.chain()).containsExactly(leaf.cert(), pki.gatewayIssuer.cert());
            assertThat(r.address().map(InetAddress::getHostAddress)).contains("127.0.51.1");
            assertThat(r.protocol()).contains("TLSv1.3");
            assertThat(d.reasons()).anySatisfy(x -> {
                assertThat(x.code()).isEqualTo("STATUS_TOKEN");
                assertThat(x.message()).contains("(JWT) signed by the TLS key, nonce echoed: status ok, firmware 4.2.1");
            });
        }
    }

    @Test
    void aServerSendingGarbageIsRejectedWithTheReason() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getByName("127.0.51.1"))) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    s.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nthis is not TLS at all".getBytes());
                    s.getOutputStream().flush();
                    Thread.sleep(500);
                } catch (IOException | InterruptedException ignored) {
                    // the test ends the server
                }
            });
            ProbeResult r = prober.probe(URI.create("https://printer.home.arpa:" + ss.getLocalPort() + "/"), false);
            assertThat(r.decision().verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(r.decision().has("HANDSHAKE_FAILED")).isTrue();
            assertThat(r.decision().practice()).isEmpty();
            assertThat(r.decision().text()).startsWith("Blocked: no TLS handshake with printer.home.arpa:");
        }
    }

    @Test
    void aStallingServerIsRejectedAtTheDeadline() throws Exception {
        try (ServerSocket ss = new ServerSocket()) {
            ss.bind(new InetSocketAddress(InetAddress.getByName("127.0.51.1"), 0), 5);
            long start = System.nanoTime();
            ProbeResult r = prober.probe(URI.create("https://127.0.51.1:" + ss.getLocalPort() + "/"), true);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(r.decision().verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(r.decision().has("DEADLINE")).as(r.decision().reasons().toString()).isTrue();
            assertThat(r.decision().text()).contains("within 2000 ms");
            assertThat(ms).isBetween(1_900L, 3_500L);
        }
    }

    @Test
    void nothingListeningIsRejected() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.51.1"))) {
            port = ss.getLocalPort();
        }
        ProbeResult r = prober.probe(URI.create("https://127.0.51.1:" + port + "/"), false);
        assertThat(r.decision().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(r.decision().reasons().getFirst().message()).contains("refused");
    }
}
