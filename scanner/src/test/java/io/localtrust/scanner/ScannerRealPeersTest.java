package io.localtrust.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.scanner.report.ScanCsv;
import io.localtrust.scanner.report.ScanJson;
import io.localtrust.scanner.report.ScanTable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against real peers on 127.0.77.x ({@link ScanFixture}): a simulated fleet of six
 * practices, {@code openssl s_server} for U-L/S with a staple, a cloned key on three addresses, a
 * published key and a vendor-anchored device, JDK HTTP servers, and ports that stall, reset or send
 * garbage. Every device must be classified as built, with the fleet view, and the scan must end.
 */
class ScannerRealPeersTest {
    @TempDir
    static Path dir;
    static ScanFixture net;
    static ScanResult result;

    @BeforeAll
    static void scan() throws Exception {
        net = new ScanFixture(dir);
        Targets targets = new Targets(false, InetAddress::getByName);
        List<String> typed = List.of(ScanFixture.NET + "1-30");
        ScanSettings settings = new ScanSettings(List.of(ScanFixture.HTTP, ScanFixture.HTTPS), Duration.ofSeconds(5), 64,
                OptionalDouble.of(500), Optional.empty());
        result = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> new Scanner(settings, Classifier.standard(), Clock.systemUTC())
                .scan(targets.parse(typed), typed, net.context, ScanProgress.none()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void classifiesEveryDeviceAsBuiltWithTheFleetView() {
        Map<String, ScanFixture.Expected> seen = result.devices().stream().collect(Collectors.toMap(
                d -> d.observation().address().orElseThrow(), d -> new ScanFixture.Expected(d.practice(), d.uniqueness().id())));
        assertThat(seen).as(ScanTable.render(result)).containsExactlyInAnyOrderEntriesOf(net.expected);
        assertThat(result.devices()).extracting(d -> d.observation().address().orElseThrow())
                .as("devices in address order").containsExactlyElementsOf(net.expected.keySet());
        assertThat(result.probes()).isEqualTo(60);
        assertThat(result.unprobed()).isZero();
    }

    @Test
    void sharedAndPublishedKeysSayWhy() {
        assertThat(codes(ScanFixture.NET + 11)).contains("SHARED_KEY");
        assertThat(message(ScanFixture.NET + 11, "SHARED_KEY")).contains("3 devices");
        assertThat(codes(ScanFixture.NET + 14)).contains("COMPROMISED_KEY").doesNotContain("SHARED_KEY");
        assertThat(codes(ScanFixture.NET + 13)).contains("HTTP_NOT_REDIRECTED");
        assertThat(codes(ScanFixture.NET + 10)).doesNotContain("HTTP_NOT_REDIRECTED");
    }

    @Test
    void capturesTheChainAsSentAndTheStaple() {
        EndpointObservation https = endpoint(ScanFixture.NET + 10, ScanFixture.HTTPS);
        var tls = https.tls().orElseThrow();
        assertThat(tls.chain().certs()).extracting(c -> c.label()).containsExactly("printer.home.arpa", "Scan Test Gateway Root");
        assertThat(tls.stapledOcsp()).isPresent();
        assertThat(tls.version()).hasValue("TLSv1.2"); // offered first: the chain travels in clear
        assertThat(endpoint(ScanFixture.NET + 16, ScanFixture.HTTPS).tls().orElseThrow().version()).hasValue("TLSv1.3");
        assertThat(tls.cipher()).isPresent();
        assertThat(endpoint(ScanFixture.NET + 10, ScanFixture.HTTP).redirectsToHttps()).hasValue(true);
        assertThat(endpoint(ScanFixture.NET + 13, ScanFixture.HTTP).redirectsToHttps()).hasValue(false);
        assertThat(endpoint(ScanFixture.NET + 17, ScanFixture.HTTPS).redirectsToHttps()).as("plain HTTP on 8443").hasValue(false);
        assertThat(endpoint(ScanFixture.NET + 11, ScanFixture.HTTPS).tls().orElseThrow().stapledOcsp()).isEmpty();
    }

    @Test
    void stalledResetAndGarbagePortsEndWithAnError() {
        Map<String, String> errors = result.unanswered().stream().collect(Collectors.toMap(d -> d.address().orElseThrow(),
                d -> d.endpoints().get(0).error().orElseThrow()));
        assertThat(errors).containsOnlyKeys(net.unanswered);
        assertThat(errors.get(ScanFixture.NET + 20)).contains("no complete answer within 5 s");
        assertThat(errors.get(ScanFixture.NET + 21)).contains("reset");
        assertThat(errors.get(ScanFixture.NET + 22)).contains("not with TLS").contains("not with HTTP");
        assertThat(codes(ScanFixture.NET + 23)).contains("ENDPOINT_ERROR");
        assertThat(endpoint(ScanFixture.NET + 23, ScanFixture.HTTP).error().orElseThrow()).contains("no complete answer");
    }

    @Test
    void jsonCarriesTheInspectRecordPerDevice() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(ScanJson.document(result));
        assertThat(doc.get("schema").asText()).isEqualTo("localtrust.scan/1");
        assertThat(doc.get("targets").get(0).asText()).isEqualTo(ScanFixture.NET + "1-30");
        assertThat(doc.get("devices")).hasSize(net.expected.size());
        JsonNode ls = doc.get("devices").get(8);
        assertThat(ls.get("address").asText()).isEqualTo(ScanFixture.NET + 10);
        assertThat(ls.get("category").asText()).isEqualTo("U_LS");
        JsonNode tls = ls.get("endpoints").get(1).get("tls");
        assertThat(tls.get("ocspStapled").asBoolean()).isTrue();
        assertThat(tls.get("chain").get(0).get("san").toString()).contains("printer.home.arpa");
        assertThat(tls.get("chain").get(0).get("eku").toString()).contains("serverAuth");
        assertThat(doc.get("summary").get("NONE").asInt()).isEqualTo(2);
        assertThat(doc.get("summary").get("NU_SS").asInt()).isEqualTo(6);
        assertThat(doc.get("summary").get("U_LS").asInt()).isEqualTo(1);
        assertThat(doc.get("unanswered")).hasSize(3);
    }

    @Test
    void csvHasOneRowPerDevice() {
        String[] lines = ScanCsv.document(result).split("\r\n");
        assertThat(lines).hasSize(1 + net.expected.size());
        assertThat(lines[0]).startsWith("address,source,category,");
        assertThat(lines[9]).as("the U-L/S device").startsWith(ScanFixture.NET + "10," + ScanFixture.NET + "10,U_LS,U-L/S,trusted_locally,confirmed,");
    }

    @Test
    void agreesWithNmapSslCertOnEveryTlsEndpoint() throws Exception {
        List<String> tls = result.devices().stream().filter(d -> !d.observation().tlsObservations().isEmpty())
                .map(d -> d.observation().address().orElseThrow()).toList();
        Map<String, NmapSslCert.Leaf> nmap = NmapSslCert.scan(ScanFixture.HTTPS, tls);
        assertThat(nmap).containsOnlyKeys(tls);
        for (String a : tls) {
            var leaf = endpoint(a, ScanFixture.HTTPS).tls().orElseThrow().chain().leaf();
            NmapSslCert.Leaf n = nmap.get(a);
            assertThat(leaf.fingerprints().sha1()).as(a).isEqualToIgnoringCase(n.sha1());
            assertThat(leaf.subject()).as(a).contains("CN=" + n.commonName());
            assertThat(leaf.notAfter().toString()).as(a).startsWith(n.notAfter());
            assertThat(leaf.key().describe()).as(a).contains(String.valueOf(n.keyBits()));
            byte[] der = java.util.Base64.getMimeDecoder().decode(n.pem().replaceAll("-----[A-Z ]+-----", ""));
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der)))
                    .as(a).isEqualTo(leaf.fingerprints().sha256());
        }
    }

    private static DeviceAssessment device(String address) {
        return result.devices().stream().filter(d -> d.observation().address().orElseThrow().equals(address)).findFirst().orElseThrow();
    }

    private static EndpointObservation endpoint(String address, int port) {
        DeviceObservation d = device(address).observation();
        return d.endpoints().stream().filter(e -> e.port().orElse(0) == port).findFirst().orElseThrow();
    }

    private static List<String> codes(String address) {
        return device(address).findings().stream().map(f -> f.code()).toList();
    }

    private static String message(String address, String code) {
        return device(address).findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow().message();
    }
}
