package io.localtrust.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone else's client through the service to a real CA: Debian's lego, unchanged, with the
 * account {@code /register} made (as acme-dns users make one), obtains a certificate for
 * {@code <sub>.<zone>} and its wildcard from pebble, which validates both DNS-01 challenges by
 * asking our DNS server — two TXT values at one name at once. Debian builds lego without its
 * {@code acme-dns} provider (Debian bug #968964), so lego speaks its {@code httpreq} provider
 * here, with the same account's credentials; the acme-dns calls are {@link NamesApiTest}'s.
 */
class LegoThroughPebbleTest {
    @TempDir
    Path dir;

    @Test
    void legosAcmeDnsProviderGetsAWildcardFromPebbleThroughTheService() throws Exception {
        try (Running names = new Running(dir.resolve("names"), ApiLimits.defaults(), List.of());
             Pebble pebble = new Pebble(dir.resolve("pebble"), names.service.dnsAddress())) {
            HttpResponse<String> r = names.post("/register", "", Map.of());
            assertThat(r.statusCode()).isEqualTo(201);
            JsonNode account = new ObjectMapper().readTree(r.body());
            String domain = account.get("fulldomain").asText();
            Path namesCert = dir.resolve("names-api.pem");
            Files.writeString(namesCert, names.tls.chainPem());

            Path legoDir = dir.resolve("lego");
            Pebble.run(List.of("lego", "--server", pebble.directory(), "--accept-tos", "--email", "names-test@example.org",
                    "--path", legoDir.toString(), "--key-type", "ec256", "--dns", "httpreq",
                    "--dns.resolvers", "127.0.0.1:" + names.service.dnsAddress().getPort(), "--dns.disable-cp",
                    "--domains", domain, "--domains", "*." + domain, "run"),
                    Map.of("LEGO_CA_CERTIFICATES", pebble.wfeCert.toString(), "SSL_CERT_FILE", namesCert.toString(),
                            "HTTPREQ_ENDPOINT", names.apiBase(), "HTTPREQ_USERNAME", account.get("username").asText(),
                            "HTTPREQ_PASSWORD", account.get("password").asText()),
                    dir.resolve("lego.log"), 180);

            List<Cert> chain = new CertificateReader().read(legoDir.resolve("certificates").resolve(domain + ".crt"));
            assertThat(chain.getFirst().dnsNames()).containsExactlyInAnyOrder(domain, "*." + domain);
            assertThat(chain.getFirst().issuer()).contains("Pebble");
            // lego cleaned up after itself: /cleanup removed both values
            assertThat(names.dig.run("_acme-challenge." + domain, "TXT")).contains("status: NOERROR").contains("ANSWER: 0,");
            assertThat(pebble.log()).doesNotContain("panic");
        }
    }
}
