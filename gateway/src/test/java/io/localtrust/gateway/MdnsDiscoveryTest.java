package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.gateway.mdns.Candidate;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mDNS/DNS-SD on loopback (jmdns binds 127.0.0.1; nothing leaves the machine): a "device" — a
 * second jmdns responder — announces {@code _https._tcp}; the running gateway lists it as a
 * candidate and its console shows it; and the device, browsing, finds the gateway's own
 * announcement with the console's path. Names carry a random suffix: other test JVMs on the
 * machine may be announcing on loopback too.
 */
class MdnsDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void aDeviceAnnouncingItselfIsListedAndTheGatewayAnnouncesItsConsole() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        String instance = "Test printer " + UUID.randomUUID().toString().substring(0, 8);
        try (RunningGateway g = new RunningGateway(tmp)) {
            g.server.close();
            g.server = GatewayServer.start(g.gateway, ServerSettings.loopback(0, 0).withMdns(lo), TestGateways.CLOCK, TestGateways.RANDOM);
            JmDNS device = JmDNS.create(lo, "test-printer");
            try {
                device.registerService(ServiceInfo.create("_https._tcp.local.", instance, 9443, 0, 0, Map.of("path", "/")));
                assertThat(RunningGateway.eventually(Duration.ofSeconds(20), () -> g.server.mdns().orElseThrow().candidates().stream()
                        .anyMatch(c -> c.instance().equals(instance)))).isTrue();
                Candidate c = g.server.mdns().orElseThrow().candidates().stream().filter(x -> x.instance().equals(instance)).findFirst()
                        .orElseThrow();
                assertThat(c.type()).isEqualTo("_https._tcp");
                assertThat(c.port()).isEqualTo(9443);
                assertThat(c.addresses()).contains("127.0.0.1");
                assertThat(c.url()).isEqualTo("https://127.0.0.1:9443/");
                assertThat(g.server.mdns().orElseThrow().candidates()).noneMatch(x -> x.port() == g.server.httpsPort());

                ServiceInfo own = null;
                for (int i = 0; i < 10 && own == null; i++) {
                    for (ServiceInfo s : device.list("_https._tcp.local.", 2000)) {
                        if (s.getPort() == g.server.httpsPort() && "gateway".equals(s.getPropertyString("localtrust"))) {
                            own = s;
                        }
                    }
                }
                assertThat(own).as("the gateway's own announcement").isNotNull();
                assertThat(own.getName()).startsWith("localtrust gateway — Test gateway");
                assertThat(own.getPropertyString("path")).isEqualTo("/console/");

                assertThat(devicesPage(g)).contains(instance, "_https._tcp", "https://127.0.0.1:9443/");
            } finally {
                device.close();
            }
        }
    }

    private static String devicesPage(RunningGateway g) throws Exception {
        ConsolePassword.set(g.dir, "mdns test password".toCharArray(), TestGateways.RANDOM);
        try (HttpClient tls = HttpClient.newBuilder().sslContext(TestGateways.trusting(g.gateway.root().der())).build()) {
            HttpResponse<String> login = tls.send(HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + "console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("password=mdns+test+password")).build(), HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            return tls.send(HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + "console/devices")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
