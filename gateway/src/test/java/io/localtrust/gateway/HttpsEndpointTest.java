package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS endpoint's chain as openssl s_client judges it, and start-up refusals. */
class HttpsEndpointTest {
    @TempDir
    Path tmp;
    RunningGateway g;

    @BeforeEach
    void start() throws Exception {
        g = new RunningGateway(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        g.close();
    }

    @Test
    void opensslSClientAcceptsTheChainForTheListenAddress() throws Exception {
        assertThat(g.server.tlsIdentities()).containsExactly("gateway.home.arpa", "127.0.0.1");
        var r = TestGateways.openssl(tmp, "s_client", "-connect", "127.0.0.1:" + g.server.httpsPort(),
                "-CAfile", g.dir.resolve("root.pem").toString(), "-verify_return_error", "-verify_ip", "127.0.0.1",
                "-servername", "gateway.home.arpa");
        assertThat(r.output()).contains("Verify return code: 0 (ok)");
        assertThat(r.exit()).as(r.output()).isZero();
        var tls12 = TestGateways.openssl(tmp, "s_client", "-connect", "127.0.0.1:" + g.server.httpsPort(), "-tls1_2",
                "-CAfile", g.dir.resolve("root.pem").toString(), "-verify_return_error");
        assertThat(tls12.output()).contains("Verify return code: 0 (ok)");
        var tls11 = TestGateways.openssl(tmp, "s_client", "-connect", "127.0.0.1:" + g.server.httpsPort(), "-tls1_1",
                "-CAfile", g.dir.resolve("root.pem").toString());
        assertThat(tls11.exit()).isNotZero();
    }

    @Test
    void publicEndpointsAreServedOverHttpsToo() throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(TestGateways.trusting(g.gateway.root().der())).build();
        HttpResponse<byte[]> r = c.send(HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + "ca/intermediate.der")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(g.gateway.intermediate().der());
    }

    @Test
    void refusesToStartOnAPortInUseBeforeSigningAnything() throws Exception {
        long revision = g.gateway.store().revision();
        InetAddress lo = InetAddress.getLoopbackAddress();
        ServerSettings taken = new ServerSettings(new InetSocketAddress(lo, 0), new InetSocketAddress(lo, g.server.httpPort()),
                List.of(ServerSettings.DEFAULT_NAME), ServerSettings.DEFAULT_POLL);
        assertThatThrownBy(() -> GatewayServer.start(g.gateway, taken, TestGateways.CLOCK, TestGateways.RANDOM))
                .isInstanceOf(StartupRefused.class).hasMessage("127.0.0.1:" + g.server.httpPort() + " is in use");
        assertThat(g.gateway.store().revision()).isEqualTo(revision);
    }

    @Test
    void parsesListenAddresses() {
        assertThat(ServerSettings.describe(ServerSettings.parseListen("127.0.0.1:8080"))).isEqualTo("127.0.0.1:8080");
        assertThat(ServerSettings.describe(ServerSettings.parseListen("[::1]:8443"))).isEqualTo("[0:0:0:0:0:0:0:1]:8443");
        assertThatThrownBy(() -> ServerSettings.parseListen("127.0.0.1")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> ServerSettings.parseListen("127.0.0.1:99999")).hasMessageContaining("0-65535");
    }
}
