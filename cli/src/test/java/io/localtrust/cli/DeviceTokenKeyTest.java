package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.agent.identity.IdentityException;
import io.localtrust.agent.identity.Pkcs11Custody;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.agent.web.StatusTokenRoute;
import io.localtrust.tokens.DeviceStatus;
import io.localtrust.tokens.Nonce;
import io.localtrust.tokens.StatusTokenVerifier;
import io.localtrust.tokens.TokenFormat;
import io.localtrust.tokens.TokenVerification;
import io.localtrust.x509.SoftHsm;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device whose key is in a PKCS#11 token (SoftHSM2), in-process against the shared real
 * {@code gateway run}: the key is generated in the token non-extractable, the device onboards
 * (CSR and TLS handshakes signed in the token), its status tokens — signed in the token through
 * the SunPKCS11 provider — are fetched over HTTPS and verified against the TLS leaf this client
 * saw, in both formats; a bad nonce is a 400. A restart finds the same key in the token and
 * serves the same certificate; a token without the key is refused with one clear line.
 */
@ExtendWith(SharedGateway.class)
class DeviceTokenKeyTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void tokenKeyOnboardsServesVerifiableStatusTokensAndKeepsItsKeyAcrossRestarts(SharedGateway.Running gw) throws Exception {
        SoftHsm.Token token = SoftHsm.token();
        Path config = token.writeConfig(tmp.resolve("token.cfg"));
        Path state = tmp.resolve("camera");
        InProcessDevice.Options o = InProcessDevice.at(gw, "camera.home.arpa", "127.0.41.10", state)
                .withToken(new Pkcs11Custody(config, SoftHsm.PIN.toCharArray()));
        String devId;
        String serial;
        try (InProcessDevice d = InProcessDevice.start(o)) {
            devId = d.identity.devId();
            assertThat(d.identity.created()).isTrue();
            assertThat(d.identity.key().privateKey().getEncoded()).as("a sensitive token key shows no bytes").isNull();
            assertThat(d.identity.key().privateKey().toString()).as("SunPKCS11's view of the key's attributes")
                    .contains("token object", "sensitive", "unextractable").doesNotContain("not sensitive");
            assertThat(d.identity.key().custody()).contains("PKCS#11 token", "localtrust-device");
            assertThat(state.resolve("device-key.p12")).doesNotExist();
            d.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            Cli.Result approve = Cli.runNow("gateway", "approve", "--dir", gw.dir().toString(), devId);
            assertThat(approve.exit()).as(approve.err()).isZero();
            d.await(Phase.ISSUED, WAIT);
            serial = d.agent.served().orElseThrow().leaf().serial().toString(16);

            HttpClient client = client(gw.root());
            String nonce = "n-" + Long.toHexString(System.nanoTime());
            String url = d.httpsBase() + StatusTokenRoute.PATH.substring(1) + "?nonce=" + nonce;
            for (TokenFormat f : TokenFormat.values()) {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
                if (f == TokenFormat.COSE) {
                    req.header("Accept", "application/cose");
                }
                HttpResponse<byte[]> r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type")).contains(f.mediaType());
                assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
                X509Certificate leaf = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
                TokenVerification v = new StatusTokenVerifier(Clock.systemUTC()).verify(f, r.body(), leaf,
                        Optional.of(new Nonce(nonce)));
                assertThat(v).as(v.toString()).isInstanceOf(TokenVerification.Verified.class);
                var claims = ((TokenVerification.Verified) v).claims();
                assertThat(claims.issuer()).isEqualTo("camera.home.arpa");
                assertThat(claims.subject()).isEqualTo(devId);
                assertThat(claims.firmwareVersion()).isEqualTo("test firmware 1.0");
                assertThat(claims.status()).isIn(DeviceStatus.OK, DeviceStatus.DEGRADED);
                assertThat(leaf.getSerialNumber().toString(16)).isEqualTo(serial);
                // the token is this request's: another nonce does not verify
                assertThat(new StatusTokenVerifier(Clock.systemUTC()).verify(f, r.body(), leaf,
                        Optional.of(new Nonce("another-nonce"))).valid()).isFalse();
            }
            for (String bad : new String[] {"short", "x".repeat(65), "has space ok", "caf\u00e9-nonce-1"}) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(d.httpsBase()
                        + StatusTokenRoute.PATH.substring(1) + "?nonce=" + URLEncoder.encode(bad, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(r.body()).startsWith("bad nonce: ").doesNotContain("Exception");
            }
            HttpResponse<String> twice = client.send(HttpRequest.newBuilder(URI.create(url + "&nonce=abcdefgh12")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(twice.statusCode()).isEqualTo(400);
            assertThat(twice.body()).contains("once");
        }

        try (InProcessDevice again = InProcessDevice.start(o.withToken(new Pkcs11Custody(config, SoftHsm.PIN.toCharArray())))) {
            assertThat(again.identity.created()).isFalse();
            assertThat(again.identity.devId()).isEqualTo(devId);
            again.await(s -> s.phase() == Phase.ISSUED && s.detail().contains("kept certificate " + serial), WAIT);
        }

        Path empty = SoftHsm.token().writeConfig(tmp.resolve("empty.cfg"));
        assertThatThrownBy(() -> InProcessDevice.start(o.withToken(new Pkcs11Custody(empty, SoftHsm.PIN.toCharArray()))))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("the token holds no device key 'localtrust-device'")
                .hasMessageContaining("the key of device " + devId + " is lost, refusing to start")
                .hasMessageContaining("--reset-identity")
                .hasMessageNotContaining("Exception");
    }

    /** A client that trusts the gateway's root only, as a browser with the root installed. */
    static HttpClient client(Path rootPem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(java.nio.file.Files.readAllBytes(rootPem))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
