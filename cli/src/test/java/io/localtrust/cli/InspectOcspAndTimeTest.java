package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.TestCerts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ocsp-response} (checked as if stapled) and {@code --at} (judge validity at another time). */
class InspectOcspAndTimeTest {
    @TempDir
    Path dir;

    private final Pki pki = new Pki();
    private CertFiles files;
    private Made leaf;
    private Path chain;
    private Path root;

    @BeforeEach
    void setUp() {
        files = new CertFiles(dir);
        leaf = Pki.maker().commonName("plug.home.arpa").issuer(pki.gatewayIssuer).dns("plug.home.arpa").serverAuth()
                .localDevice().ocspUrl("http://gateway.home.arpa/ocsp").lifetime(Duration.ofDays(90)).make();
        chain = files.pem("plug.pem", leaf.cert(), pki.gatewayIssuer.cert());
        root = files.pem("root.pem", pki.gatewayRoot.cert());
    }

    private byte[] ocsp(Optional<java.time.Instant> revokedAt) {
        return OcspResponses.make(leaf.cert(), pki.gatewayIssuer, revokedAt, Cli.NOW.minusSeconds(600),
                Duration.ofDays(4), TestCerts.random(7));
    }

    private JsonNode inspectJson(String... extra) throws Exception {
        String[] base = {"inspect", "--no-nmap-fingerprints", "--json", "--local-anchor", root.toString()};
        String[] all = new String[base.length + extra.length + 1];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        all[all.length - 1] = chain.toString();
        return InspectJsonTest.parse(Cli.run(all)).get("devices").get(0);
    }

    @Test
    void revokedOcspResponseMakesTheDeviceInsecure() throws Exception {
        Path resp = files.bytes("revoked.ocsp", ocsp(Optional.of(Cli.NOW.minus(Duration.ofDays(2)))));
        JsonNode d = inspectJson("--ocsp-response", resp.toString());
        assertThat(d.get("verdict").asText()).isEqualTo("insecure");
        assertThat(d.get("category").asText()).isEqualTo("U_LS");
        assertThat(d.get("findings").get(0).get("code").asText()).isEqualTo("REVOKED");
        assertThat(d.get("findings").get(0).get("severity").asText()).isEqualTo("critical");
        assertThat(d.get("findings").get(0).get("message").asText())
                .contains(Cli.NOW.minus(Duration.ofDays(2)).toString()).contains("keyCompromise");
        assertThat(d.get("endpoints").get(0).get("tls").get("ocspStapled").asBoolean()).isTrue();
    }

    @Test
    void goodOcspResponseLeavesTheDeviceTrustedLocally() throws Exception {
        Path resp = files.bytes("good.ocsp", ocsp(Optional.empty()));
        JsonNode d = inspectJson("--ocsp-response", resp.toString());
        assertThat(d.get("verdict").asText()).isEqualTo("trusted_locally");
        assertThat(d.get("findings")).extracting(f -> f.get("code").asText())
                .doesNotContain("REVOKED", "OCSP_RESPONSE_INVALID");
        assertThat(d.get("endpoints").get(0).get("tls").get("ocspStapled").asBoolean()).isTrue();
    }

    @Test
    void pemWrappedOcspResponseIsReadToo() throws Exception {
        Path resp = files.text("revoked.pem", TestCerts.pem("OCSP RESPONSE",
                ocsp(Optional.of(Cli.NOW.minus(Duration.ofDays(1))))));
        JsonNode d = inspectJson("--ocsp-response", resp.toString());
        assertThat(d.get("findings").get(0).get("code").asText()).isEqualTo("REVOKED");
    }

    @Test
    void ocspResponseFromAnotherIssuerIsReportedUnusable() throws Exception {
        Made stranger = Pki.maker().commonName("Other CA").ca(0).make();
        byte[] foreign = OcspResponses.make(leaf.cert(), stranger, Optional.of(Cli.NOW.minus(Duration.ofDays(1))),
                Cli.NOW.minusSeconds(600), Duration.ofDays(4), TestCerts.random(8));
        Path resp = files.bytes("foreign.ocsp", foreign);
        JsonNode d = inspectJson("--ocsp-response", resp.toString());
        assertThat(d.get("findings")).extracting(f -> f.get("code").asText())
                .contains("OCSP_RESPONSE_INVALID").doesNotContain("REVOKED");
    }

    @Test
    void ocspResponseWithTwoFilesIsRefused() {
        Path resp = files.bytes("good.ocsp", ocsp(Optional.empty()));
        Path other = files.pem("other.pem", Pki.selfSigned("other").cert());
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", "--ocsp-response", resp.toString(),
                chain.toString(), other.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "localtrust: --ocsp-response applies to one certificate file; 2 were given");
    }

    @Test
    void missingOcspResponseFileIsAUserError() {
        Path missing = dir.resolve("missing.ocsp");
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", "--ocsp-response", missing.toString(), chain.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("localtrust: " + missing + ": no such file");
    }

    @Test
    void atAfterNotAfterReportsExpired() throws Exception {
        JsonNode d = inspectJson("--at", "2027-01-01T00:00:00Z");
        assertThat(d.get("observed").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(d.get("findings")).anySatisfy(f -> {
            assertThat(f.get("code").asText()).isEqualTo("EXPIRED");
            assertThat(f.get("severity").asText()).isEqualTo("high");
            assertThat(f.get("message").asText()).contains(leaf.cert().notAfter().toString());
        });
        assertThat(d.get("category").asText()).as("classified within its own validity window").isEqualTo("U_LS");
        assertThat(d.get("verdict").asText()).isEqualTo("unverifiable");
    }

    @Test
    void atBeforeNotBeforeReportsNotYetValid() throws Exception {
        JsonNode d = inspectJson("--at", "2025-01-01T00:00:00Z");
        assertThat(d.get("findings")).extracting(f -> f.get("code").asText()).contains("NOT_YET_VALID")
                .doesNotContain("EXPIRED");
    }

    @Test
    void withoutAtTheClockDecidesAndNothingHasExpired() throws Exception {
        JsonNode d = inspectJson();
        assertThat(d.get("observed").asText()).isEqualTo(Cli.NOW.toString());
        assertThat(d.get("findings")).extracting(f -> f.get("code").asText()).doesNotContain("EXPIRED", "NOT_YET_VALID");
    }

    @Test
    void atInTheHumanReportShowsExpired() {
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", "--at", "2027-01-01T00:00:00Z", chain.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("high\\s+EXPIRED\\s+expired on " + leaf.cert().notAfter());
    }

    @Test
    void badAtIsOneLineExitTwo() {
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", "--at", "next tuesday", chain.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .isEqualTo("localtrust: --at: 'next tuesday' is not an ISO-8601 instant such as 2027-01-01T00:00:00Z");
    }

    @Test
    void dateWithoutTimeIsNotAnInstant() {
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", "--at", "2027-01-01", chain.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--at: '2027-01-01'");
    }
}
