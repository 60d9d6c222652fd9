package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker.Made;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect --json}: the localtrust.inspect/1 document (docs/json.md). */
class InspectJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Pki pki = new Pki();

    static JsonNode parse(Cli.Result r) throws Exception {
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return JSON.readTree(r.out());
    }

    @Test
    void documentCarriesSchemaGenerationTimeAndOneRecordPerFile() throws Exception {
        CertFiles files = new CertFiles(dir);
        Path a = files.pem("a.pem", Pki.selfSigned("alpha").cert());
        Path b = files.pem("b.pem", Pki.selfSigned("beta").cert());
        JsonNode doc = parse(Cli.run("inspect", "--no-nmap-fingerprints", "--json", a.toString(), b.toString()));
        assertThat(doc.get("schema").asText()).isEqualTo("localtrust.inspect/1");
        assertThat(doc.get("generated").asText()).isEqualTo(Cli.NOW.toString());
        assertThat(doc.get("devices")).hasSize(2);
        assertThat(doc.get("devices").get(0).get("source").asText()).isEqualTo(a.toString());
        assertThat(doc.get("devices").get(1).get("source").asText()).isEqualTo(b.toString());
        assertThat(doc.get("devices").get(0).get("uniqueness").asText()).isEqualTo("confirmed");
    }

    @Test
    void deviceRecordHasEveryDocumentedField() throws Exception {
        CertFiles files = new CertFiles(dir);
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        Path chain = files.pem("printer.pem", leaf.cert(), pki.gatewayIssuer.cert());
        Path root = files.pem("root.pem", pki.gatewayRoot.cert());

        JsonNode doc = parse(Cli.run("inspect", "--no-nmap-fingerprints", "--json", "--local-anchor", root.toString(),
                chain.toString()));
        JsonNode d = doc.get("devices").get(0);

        assertThat(d.has("address")).isTrue();
        assertThat(d.get("address").isNull()).isTrue();
        assertThat(d.get("source").asText()).isEqualTo(chain.toString());
        assertThat(d.get("observed").asText()).isEqualTo(Cli.NOW.toString());
        assertThat(d.get("category").asText()).isEqualTo("U_LS");
        assertThat(d.get("practice").get("label").asText()).isEqualTo("U-L/S");
        assertThat(d.get("practice").get("seedType").asInt()).isEqualTo(5);
        assertThat(d.get("practice").get("title").asText()).isEqualTo("Unique certificate from a local CA");
        assertThat(d.get("practice").get("explanation").asText()).isNotBlank();
        assertThat(d.get("verdict").asText()).isEqualTo("trusted_locally");
        assertThat(d.get("uniqueness").asText()).isEqualTo("assumed");
        assertThat(d.get("anchor").get("kind").asText()).isEqualTo("local");
        assertThat(d.get("anchor").get("subject").asText()).isEqualTo("CN=Gateway Root,O=Home");
        assertThat(d.get("anchor").get("sha256").asText()).isEqualTo(pki.gatewayRoot.cert().fingerprints().sha256());
        assertThat(d.get("anchor").get("source").asText()).isEqualTo(root.toString());

        JsonNode ep = d.get("endpoints").get(0);
        assertThat(ep.get("port").isNull()).isTrue();
        assertThat(ep.get("scheme").asText()).isEqualTo("file");
        assertThat(ep.get("redirectsToHttps").isNull()).isTrue();
        assertThat(ep.get("error").isNull()).isTrue();
        JsonNode tls = ep.get("tls");
        assertThat(tls.get("version").isNull()).isTrue();
        assertThat(tls.get("cipher").isNull()).isTrue();
        assertThat(tls.get("ocspStapled").isNull()).as("unknown for a file without --ocsp-response").isTrue();
        assertThat(tls.get("chain")).hasSize(2);

        assertCert(tls.get("chain").get(0), leaf.cert());
        assertThat(tls.get("chain").get(0).get("san")).extracting(JsonNode::asText)
                .containsExactly("dns:printer.home.arpa", "ip:192.168.1.20");
        assertThat(tls.get("chain").get(0).get("eku")).extracting(JsonNode::asText)
                .containsExactly("serverAuth", "id-kp-localDevice");
        assertThat(tls.get("chain").get(0).get("ca").asBoolean()).isFalse();
        assertCert(tls.get("chain").get(1), pki.gatewayIssuer.cert());
        assertThat(tls.get("chain").get(1).get("ca").asBoolean()).isTrue();

        assertThat(d.get("findings")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("code").asText()).matches("[A-Z][A-Z0-9_]*");
            assertThat(f.get("severity").asText()).isIn("critical", "high", "medium", "low", "info");
            assertThat(f.get("message").asText()).isNotBlank().doesNotContain("\n");
        });
        assertThat(d.get("findings")).extracting(f -> f.get("code").asText()).contains("LOCAL_ANCHOR");
    }

    private static void assertCert(JsonNode n, Cert c) {
        assertThat(n.get("subject").asText()).isEqualTo(c.subject());
        assertThat(n.get("issuer").asText()).isEqualTo(c.issuer());
        assertThat(n.get("serial").asText()).isEqualTo(c.serial().toString(16));
        assertThat(n.get("sha256").asText()).isEqualTo(c.fingerprints().sha256()).matches("[0-9a-f]{64}");
        assertThat(n.get("sha1").asText()).isEqualTo(c.fingerprints().sha1()).matches("[0-9a-f]{40}");
        assertThat(n.get("spkiSha256").asText()).isEqualTo(c.fingerprints().spkiSha256()).matches("[0-9a-f]{64}");
        assertThat(n.get("devId").asText()).isEqualTo(c.fingerprints().devId());
        assertThat(n.get("notBefore").asText()).isEqualTo(c.notBefore().toString());
        assertThat(n.get("notAfter").asText()).isEqualTo(c.notAfter().toString());
        assertThat(n.get("san").isArray()).isTrue();
        assertThat(n.get("eku").isArray()).isTrue();
        assertThat(n.get("key").asText()).isEqualTo("EC P-256");
        assertThat(n.get("signatureAlgorithm").asText()).isNotBlank();
        assertThat(n.get("selfSigned").isBoolean()).isTrue();
        assertThat(n.get("ca").isBoolean()).isTrue();
    }

    @Test
    void findingsInJsonAreSortedBySeverity() throws Exception {
        CertFiles files = new CertFiles(dir);
        Made firmware = Pki.maker().commonName("printer").lifetime(java.time.Duration.ofDays(3650)).make();
        Path a = files.pem("a.pem", firmware.cert());
        Path b = files.pem("b.pem", firmware.cert());
        JsonNode doc = parse(Cli.run("inspect", "--no-nmap-fingerprints", "--json", a.toString(), b.toString()));
        List<String> order = List.of("critical", "high", "medium", "low", "info");
        List<Integer> ranks = new ArrayList<>();
        doc.get("devices").get(0).get("findings").forEach(f -> ranks.add(order.indexOf(f.get("severity").asText())));
        assertThat(ranks).doesNotContain(-1).isSorted().first().isEqualTo(0);
        assertThat(ranks).contains(1);
        assertThat(doc.get("devices").get(0).get("category").asText()).isEqualTo("NU_SS");
        assertThat(doc.get("devices").get(0).get("uniqueness").asText()).isEqualTo("shared");
        assertThat(doc.get("devices").get(0).get("verdict").asText()).isEqualTo("insecure");
        assertThat(doc.get("devices").get(0).get("anchor").isNull()).isTrue();
    }

    @Test
    void jsonIsTheOnlyThingOnStdout() throws Exception {
        Path a = new CertFiles(dir).pem("a.pem", Pki.selfSigned("alpha").cert());
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", "--json", a.toString());
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        assertThat(parse(r).get("devices").get(0).get("category").asText()).isEqualTo("U_SS");
    }
}
