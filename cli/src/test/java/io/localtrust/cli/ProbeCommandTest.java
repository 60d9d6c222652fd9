package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code localtrust probe} against real TLS servers on loopback, through the whole command line. */
class ProbeCommandTest {
    @TempDir
    Path dir;

    private final Made publicRoot = TestCerts.maker().commonName("Test Public Root").ca(1).lifetime(Duration.ofDays(3650)).make();
    private final Made gatewayRoot = TestCerts.maker().commonName("Gateway Root").organization("Home").ca(1)
            .lifetime(Duration.ofDays(3650)).make();

    private String[] args(String... rest) throws IOException {
        Path pub = dir.resolve("public.pem");
        Files.writeString(pub, publicRoot.cert().pem());
        Path gw = dir.resolve("gateway.pem");
        Files.writeString(gw, gatewayRoot.cert().pem());
        String[] base = {"probe", "--public-roots", pub.toString(), "--local-anchor", gw.toString(),
            "--no-nmap-fingerprints", "--pins", dir.resolve("pins").toString()};
        String[] all = new String[base.length + rest.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(rest, 0, all, base.length, rest.length);
        return all;
    }

    @Test
    void gatewayLeafIsTrustedLocalAndExitsZero() throws Exception {
        Made leaf = TestCerts.maker().commonName("printer").issuer(gatewayRoot).ip("127.0.52.1").serverAuth().localDevice()
                .make();
        try (TlsTestServer server = TlsTestServer.start("127.0.52.1", leaf)) {
            Cli.Result r = Cli.run(args("https://127.0.52.1:" + server.port() + "/"));
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("verdict:  TRUSTED_LOCAL", "practice: U_LS (U-L/S)",
                    "Local device '127.0.52.1', certified by your gateway 'Home'", "CONNECTION: local:");
        }
    }

    @Test
    void selfSignedIsAWarningInJsonAndPinnedWhenAsked() throws Exception {
        Made leaf = TestCerts.maker().commonName("nas").ip("127.0.52.2").serverAuth().lifetime(Duration.ofDays(3650)).make();
        try (TlsTestServer server = TlsTestServer.start("127.0.52.2", leaf)) {
            String url = "https://127.0.52.2:" + server.port() + "/";
            Cli.Result warn = Cli.run(args("--json", url));
            assertThat(warn.exit()).as(warn.err()).isEqualTo(4);
            JsonNode doc = new ObjectMapper().readTree(warn.out());
            assertThat(doc.get("verdict").asText()).isEqualTo("WARN_U_SS");
            assertThat(doc.get("class").asText()).isEqualTo("warning");
            assertThat(doc.get("practice").asText()).isEqualTo("U_SS");
            assertThat(doc.get("chain")).hasSize(1);
            assertThat(doc.get("chain").get(0).get("spki_sha256").asText())
                    .isEqualTo(leaf.cert().fingerprints().spkiSha256());
            assertThat(doc.get("reasons").findValuesAsText("code")).contains("CONNECTION", "PRACTICE");

            Cli.Result first = Cli.run(args("--pin", url));
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("verdict:  PINNED", "PIN_NEW");
            Cli.Result again = Cli.run(args(url));
            assertThat(again.exit()).isZero();
            assertThat(again.out()).contains("PIN_MATCH");
            assertThat(Files.readString(dir.resolve("pins"))).contains("127.0.52.2:" + server.port());
        }
    }

    @Test
    void garbageServerIsRejectedWithExitFive() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getByName("127.0.52.3"))) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    s.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28, 0x15, 0x03});
                    Thread.sleep(300);
                } catch (IOException | InterruptedException ignored) {
                    // the server ends with the test
                }
            });
            Cli.Result r = Cli.run(args("--json", "--timeout", "1500", "https://127.0.52.3:" + ss.getLocalPort() + "/"));
            assertThat(r.exit()).isEqualTo(5);
            JsonNode doc = new ObjectMapper().readTree(r.out());
            assertThat(doc.get("verdict").asText()).isEqualTo("REJECTED");
            assertThat(doc.get("practice").isNull()).isTrue();
            assertThat(doc.get("reasons").get(0).get("code").asText()).isIn("HANDSHAKE_FAILED", "DEADLINE");
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void badUrlAndTimeoutAreUsageErrors() throws Exception {
        Cli.Result http = Cli.run(args("http://printer.home.arpa/"));
        assertThat(http.exit()).isEqualTo(2);
        assertThat(http.err()).isEqualTo("localtrust: URL: 'http://printer.home.arpa/' is not an https:// URL\n");
        Cli.Result timeout = Cli.run(args("--timeout", "0", "https://127.0.52.1/"));
        assertThat(timeout.exit()).isEqualTo(2);
        assertThat(timeout.err()).contains("--timeout: 0 ms is outside 1 to 60000");
    }

    @Test
    void withTheJdkRootsAsPublicRootsAUniqueSelfSignedKeyIsAWarning() throws Exception {
        Made leaf = TestCerts.maker().commonName("cam").ip("127.0.52.4").serverAuth().lifetime(Duration.ofDays(3650)).make();
        try (TlsTestServer server = TlsTestServer.start("127.0.52.4", leaf)) {
            Cli.Result r = Cli.run("probe", "--no-nmap-fingerprints", "--pins", dir.resolve("pins").toString(),
                    "https://127.0.52.4:" + server.port() + "/");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(r.out()).contains("verdict:  WARN_U_SS", "No one vouches for this device's certificate ('cam')");
        }
    }

    @Test
    void helpShowsEveryOptionAndTheExitCodes() {
        Cli.Result r = Cli.run("probe", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: localtrust probe", "URL", "--json", "--pin", "--pins=FILE", "--nonce",
                "--timeout=MILLIS", "--public-roots=FILE", "--local-anchor=FILE", "--vendor-anchor=FILE")
                .contains("Exit codes: 0 trusted or pinned, 4 a warning (WARN_*), 5 rejected");
        assertThat(Cli.run("--help").out()).containsPattern("(?m)^\\s+probe\\s+Decide whether to trust");
    }
}
