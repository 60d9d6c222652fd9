package io.localtrust.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.x509.Cert;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The owner pre-authorising a simulated fleet: each device's name and address is allowed through
 * the gateway's admin API ({@code POST /api/allow}, docs/gateway-run.md) with the admin token the
 * owner holds — what {@code gateway allow NAME --for 10m} does from the shell, for a thousand
 * names without a thousand JVMs. The device that then asks for exactly those names is approved
 * at once; nothing else is. HTTPS trusting only the gateway's root.
 */
public final class GatewayAllowances implements Preauthorisation, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String token;
    private final Duration window;
    private final HttpClient http;

    /**
     * @param gateway the gateway's HTTPS base or ACME directory URL
     * @param token   the admin token ({@code gateway init} printed it)
     * @param window  how long each allowance lasts (at most 7 days)
     */
    public GatewayAllowances(URI gateway, Cert root, String token, Duration window) {
        this.api = gateway.resolve("/api/allow");
        this.token = token;
        this.window = window;
        this.http = HttpClient.newBuilder().sslContext(trusting(root)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Allows {@code identity} (a name or an address).
     *
     * @throws IOException the gateway refused (the problem's detail is in the message) or did not answer
     */
    @Override
    public void allow(String identity) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("identity", identity, "for", window.toSeconds() + "s"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            String detail;
            try {
                detail = JSON.readTree(r.body()).path("detail").asText(r.body());
            } catch (IOException notJson) {
                detail = "HTTP " + r.statusCode();
            }
            throw new IOException("the gateway refused to pre-authorise " + identity + ": " + detail);
        }
    }

    private static SSLContext trusting(Cert root) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("gateway-root",
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.der())));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the gateway's root: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
