package io.localtrust.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.x509.CertificateMaker.Made;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalTrust#trustManager} in a real {@link HttpClient} against real TLS servers on loopback.
 * Names resolve through src/test/resources/hosts (printer.home.arpa → 127.0.51.1, printer.example.net →
 * 127.0.51.2), which surefire makes the JDK's only resolver.
 */
class TrustManagerHttpClientTest {
    private final Pki pki = new Pki();
    private final List<Decision> decisions = new CopyOnWriteArrayList<>();

    private HttpClient client(TrustConfig config) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {LocalTrust.trustManager(config, Pki.CLOCK, decisions::add)}, null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsAGatewayIssuedLocalLeaf() throws Exception {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        try (TlsTestServer server = TlsTestServer.start("127.0.51.1", leaf, pki.gatewayIssuer.cert())) {
            HttpResponse<String> r = get(client(pki.config()), "https://printer.home.arpa:" + server.port() + "/");
            assertThat(r.body()).isEqualTo("ok");
        }
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(d.text()).isEqualTo("Local device 'printer.home.arpa', certified by your gateway 'Home'");
            assertThat(d.reasons().getFirst().message()).contains("at 127.0.51.1 is local");
        });
    }

    @Test
    void acceptsAGatewayLeafByIpLiteralToo() throws Exception {
        Made leaf = pki.gatewayLeaf("printer.home.arpa", "127.0.51.1");
        try (TlsTestServer server = TlsTestServer.start("127.0.51.1", leaf, pki.gatewayIssuer.cert())) {
            assertThat(get(client(pki.config()), "https://127.0.51.1:" + server.port() + "/").body()).isEqualTo("ok");
        }
        assertThat(decisions.getFirst().verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
    }

    @Test
    void rejectsALocalDeviceCertificateOverANonLocalConnection() throws Exception {
        Made leaf = pki.vendorLeaf("printer.example.net", true);
        try (TlsTestServer server = TlsTestServer.start("127.0.51.2", leaf)) {
            HttpClient client = client(pki.config());
            assertThatThrownBy(() -> get(client, "https://printer.example.net:" + server.port() + "/"))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("REJECTED: Blocked: this certificate is for a device on your local network");
        }
        assertThat(decisions.getFirst().has("LOCAL_DEVICE_NOT_LOCAL")).isTrue();
    }

    @Test
    void rejectsASharedSelfSignedCertificate() throws Exception {
        Made leaf = Pki.selfSigned("printer.home.arpa");
        CompromisedKeys listed = new CompromisedKeys.Builder().spkiSha256(leaf.cert().fingerprints().spkiSha256(),
                new CompromisedKeys.Match("firmware-dump.txt", "")).build();
        try (TlsTestServer server = TlsTestServer.start("127.0.51.1", leaf)) {
            HttpClient client = client(pki.config().withCompromised(listed));
            assertThatThrownBy(() -> get(client, "https://printer.home.arpa:" + server.port() + "/"))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("REJECTED: This certificate is shared by every device with this firmware");
        }
    }

    @Test
    void pinsOnFirstUseAndRefusesAChangedKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TrustConfig config = pki.config().withPins(PinStore.open(dir.resolve("pins"), Pki.CLOCK), true);
        Made first = Pki.selfSigned("printer.home.arpa");
        int port;
        try (TlsTestServer server = TlsTestServer.start("127.0.51.1", first)) {
            port = server.port();
            assertThat(get(client(config), "https://printer.home.arpa:" + port + "/").body()).isEqualTo("ok");
        }
        assertThat(decisions.getLast().verdict()).isEqualTo(Verdict.PINNED);
        // An endpoint pinned to the first key now presents another: refused, like SSH.
        PinStore store = PinStore.open(dir.resolve("pins"), Pki.CLOCK);
        Made second = Pki.selfSigned("printer.home.arpa");
        try (TlsTestServer server = TlsTestServer.start("127.0.51.1", second)) {
            store.pin("printer.home.arpa:" + server.port(), first.cert().fingerprints().spkiSha256());
            HttpClient client = client(config);
            assertThatThrownBy(() -> get(client, "https://printer.home.arpa:" + server.port() + "/"))
                    .hasStackTraceContaining("WARN_KEY_CHANGED: WARNING: the key of 'printer.home.arpa' has changed");
        }
    }

    @Test
    void theSocketVariantSeesThePeerAddress() throws Exception {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {LocalTrust.trustManager(pki.config(), Pki.CLOCK, decisions::add)}, null);
        try (TlsTestServer server = TlsTestServer.start("127.0.51.1", leaf, pki.gatewayIssuer.cert())) {
            HttpsURLConnection c = (HttpsURLConnection) URI.create("https://printer.home.arpa:" + server.port() + "/").toURL()
                    .openConnection();
            c.setSSLSocketFactory(tls.getSocketFactory());
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            assertThat(c.getResponseCode()).isEqualTo(200);
            c.disconnect();
        }
        assertThat(decisions.getFirst().verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
    }
}
