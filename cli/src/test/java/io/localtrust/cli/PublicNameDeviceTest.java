package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.names.NamesService;
import io.localtrust.names.NamesSettings;
import io.localtrust.names.NamesZone;
import io.localtrust.names.Pebble;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.api.ApiTls;
import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.NamesStores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * U-CA/S end to end on loopback, with no browser change beyond trusting the "public" root: a names
 * service, Debian's pebble as the public CA (validating DNS-01 against the names service), and
 * {@code localtrust device run --public-name-service … --acme-directory …} as a process. The
 * device registers by proof of its key, gets {@code *.<dev-id>.devices.example.net} and serves its
 * admin page; Debian's Chromium, with pebble's root in its NSS database (standing in for a public
 * root) and the zone mapped to the device's loopback address, loads
 * {@code https://7f000001.<dev-id>.devices.example.net:PORT} with no certificate error — and a
 * Chromium without that root refuses it.
 */
class PublicNameDeviceTest {
    static final Duration WAIT = Duration.ofSeconds(120);
    @TempDir
    Path tmp;

    @Test
    void aDeviceGetsAPublicWildcardAndChromiumLoadsItsEmbeddedAddressName() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        InetAddress lo = InetAddress.getLoopbackAddress();
        ApiTls tls = ApiTls.selfSigned(List.of("localhost"), List.of("127.0.0.1"), clock.instant(), random);
        Files.writeString(tmp.resolve("api.pem"), tls.chainPem());
        Files.writeString(tmp.resolve("admin.txt"), "device admin password\n");
        int https = GatewayProcess.freePort();
        try (NamesStore store = NamesStores.sqlite(tmp.resolve("names.db"));
             NamesService names = NamesService.start(new NamesSettings(NamesZone.of("devices.example.net", List.of(), Optional.empty()),
                     new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0), DnsLimits.defaults(), ApiLimits.defaults()),
                     store, tls, clock, random);
             Pebble pebble = new Pebble(tmp.resolve("pebble"), names.dnsAddress());
             DeviceProcess device = new DeviceProcess(tmp.resolve("device.err"), Map.of(),
                     "--public-name-service", "https://127.0.0.1:" + names.apiAddress().getPort(),
                     "--acme-directory", pebble.directory(), "--public-ca-bundle", pebble.wfeCert.toString(),
                     "--name-service-bundle", tmp.resolve("api.pem").toString(), "--bind", "127.0.0.1", "--http-port", "0",
                     "--https-port", Integer.toString(https), "--state", tmp.resolve("device").toString(),
                     "--password-file", tmp.resolve("admin.txt").toString(), "--poll", "200ms")) {
            String devId = device.await("New device \\(dev-id ([a-z2-7]{26})\\)", WAIT);
            String url = device.await("issued: certified .* serving (https://\\S+)", WAIT);
            String host = "7f000001." + devId + ".devices.example.net";
            assertThat(url).isEqualTo("https://" + host);
            Files.writeString(tmp.resolve("pebble-root.pem"), pebble.root(), StandardCharsets.US_ASCII);

            try (Chromium trusting = new Chromium(NssHome.create(tmp.resolve("trusting"), tmp.resolve("pebble-root.pem")), tmp.resolve("chromium.log"),
                    List.of("MAP *.devices.example.net 127.0.0.1"))) {
                Chromium.Visit page = trusting.open(url + ":" + https + "/", Optional.of(
                        "document.querySelector('input[name=password]').value = 'device admin password';"
                                + " document.querySelector('form').submit();"));
                assertThat(page.error()).as(page.text()).isEmpty();
                assertThat(page.secureContext()).isTrue();
                assertThat(page.securityState()).isEqualTo("secure");
                assertThat(page.text()).contains(devId + ".devices.example.net — admin"); // logged in: the admin page
            }
            try (Chromium untrusting = new Chromium(NssHome.create(tmp.resolve("untrusting"), null), tmp.resolve("chromium-untrusting.log"),
                    List.of("MAP *.devices.example.net 127.0.0.1"))) {
                Chromium.Visit page = untrusting.open(url + ":" + https + "/");
                assertThat(page.error()).hasValue("net::ERR_CERT_AUTHORITY_INVALID");
            }
            // localtrust scan, with pebble's root standing in for the public roots, finds the device U-CA/S (issue 8)
            Cli.Result scan = Cli.run("scan", "--public-roots", tmp.resolve("pebble-root.pem").toString(),
                    "--json", tmp.resolve("scan.json").toString(), "127.0.0.1:" + https);
            assertThat(scan.exit()).as(scan.err()).isZero();
            JsonNode scanned = new ObjectMapper().readTree(tmp.resolve("scan.json").toFile());
            assertThat(scanned.path("devices")).hasSize(1);
            assertThat(scanned.path("devices").get(0).path("category").asText()).as(scanned.toPrettyString()).isEqualTo("U_CAS");
            assertThat(scanned.path("devices").get(0).path("endpoints").get(0).path("tls").path("chain").get(0).path("san").toString())
                    .contains("*." + devId + ".devices.example.net");
            assertThat(device.stop()).isZero();

            // started again on another address with the kept certificate: <dev-id>.<zone> follows it at once
            int https2 = GatewayProcess.freePort();
            try (DeviceProcess again = new DeviceProcess(tmp.resolve("device2.err"), Map.of(),
                    "--public-name-service", "https://127.0.0.1:" + names.apiAddress().getPort(),
                    "--acme-directory", pebble.directory(), "--public-ca-bundle", pebble.wfeCert.toString(),
                    "--name-service-bundle", tmp.resolve("api.pem").toString(), "--bind", "127.0.0.2", "--http-port", "0",
                    "--https-port", Integer.toString(https2), "--state", tmp.resolve("device").toString(),
                    "--password-file", tmp.resolve("admin.txt").toString(), "--poll", "200ms")) {
                again.await("serving the kept certificate", WAIT);
                again.await("registered 127\\.0\\.0\\.2 for " + devId, WAIT);
                assertThat(new io.localtrust.localdns.Dig(names.dnsAddress()).answers(devId + ".devices.example.net", "A"))
                        .containsExactly("127.0.0.2");
                assertThat(again.stop()).isZero();
            }
        }
    }
}
