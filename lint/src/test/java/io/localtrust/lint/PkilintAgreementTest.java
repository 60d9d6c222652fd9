package io.localtrust.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.lint.AgreementTable.Case;
import io.localtrust.lint.AgreementTable.Mapping;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures our lints against pkilint's TLS BR integration tests ({@code testdata/lint/pkilint-tls-br},
 * digicert/pkilint 31d62c9, MIT). Each {@code .crttest} file is a PEM certificate, a blank line
 * and the CSV of the findings pkilint expects. Every subscriber certificate (directories
 * {@code *_final_certificate} and {@code *_pre_certificate}) is one case per mapped code: pkilint
 * expects the finding iff the code appears in its CSV. Cases are linted as publicly trusted
 * leaves one day after their notBefore. Files our reader refuses are counted, not failed.
 *
 * <p>Not mapped: {@code cabf.rsa_modulus_invalid_length} means "shorter than 2048 bits <em>or</em>
 * not a multiple of 8" (pkilint's RsaKeyValidator), which is not {@code WEAK_RSA_KEY}; it occurs on
 * no subscriber certificate of the suite anyway.
 */
class PkilintAgreementTest {

    static final List<Mapping> MAPPINGS = List.of(
            new Mapping("cabf.internal_domain_name", "PUBLIC_CERT_INTERNAL_NAME"),
            new Mapping("cabf.internal_ip_address", "PUBLIC_CERT_RESERVED_IP"),
            new Mapping("cabf.serverauth.certificate_validity_period_exceeds_398_days", "VALIDITY_TOO_LONG"));

    /** Reviewed deviations: {@code pkilint_code | directory/file} → why our answer differs on purpose. */
    static final Map<String, String> KNOWN_DEVIATIONS = Map.of(
            "cabf.internal_domain_name | ov_final_certificate/u_label_in_common_name.crttest",
            "pkilint flags the host of the CPS pointer, which is 'www.eCert.gov.hk' with no scheme, so its URI parser"
                    + " finds the host \"\". We check only dNSName SANs: a CPS URI does not change which hosts the"
                    + " certificate authenticates, and the SAN name is public.",
            "cabf.internal_domain_name | ov_pre_certificate/invalid_cpsuri_syntax.crttest",
            "Same as above: the CPS pointer 'www.twca.com.tw' has no scheme, so its host parses as \"\". The SAN"
                    + " name, under myqnapcloud.com, is public.");

    @Test
    void agreesWithPkilintExceptForReviewedDeviations() throws IOException {
        Path root = SharedTestData.lintData().resolve("pkilint-tls-br/tests");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".crttest"))
                    .filter(p -> isSubscriberDirectory(p.getParent().getFileName().toString()))
                    .sorted().toList();
        }
        assertThat(files).as("subscriber certificate files").hasSizeGreaterThanOrEqualTo(90);
        Linter linter = Linter.standard();
        CertificateReader reader = new CertificateReader();
        AgreementTable table = new AgreementTable("pkilint agreement (pkilint-tls-br subscriber certificates)", MAPPINGS);

        for (Path file : files) {
            String fixture = file.getParent().getFileName() + "/" + file.getFileName();
            CrtTest test = CrtTest.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
            Cert cert;
            try {
                cert = reader.parse(test.pem().getBytes(StandardCharsets.ISO_8859_1)).get(0);
            } catch (CertificateParseException e) {
                MAPPINGS.forEach(m -> table.addUnparsable(m, fixture));
                continue;
            }
            for (Mapping m : MAPPINGS) {
                table.add(new Case(m, fixture, test.codes().contains(m.theirs()), ZlintAgreementTest.fires(linter, m.ours(), cert)));
            }
        }

        SharedTestData.writeReport("lint-agreement-pkilint.md", table.markdown(KNOWN_DEVIATIONS));
        assertThat(table.disagreements()).as("disagreements with pkilint other than the reviewed ones")
                .containsExactlyInAnyOrderElementsOf(KNOWN_DEVIATIONS.keySet());
    }

    static boolean isSubscriberDirectory(String name) {
        return name.endsWith("_final_certificate") || name.endsWith("_pre_certificate");
    }

    /** One {@code .crttest} file: the PEM, and the finding codes of its CSV. */
    record CrtTest(String pem, Set<String> codes) {
        static CrtTest parse(String text) {
            String normalised = text.replace("\r\n", "\n");
            int end = normalised.indexOf("-----END CERTIFICATE-----");
            if (end < 0) {
                throw new IllegalArgumentException("no PEM certificate in .crttest file");
            }
            end += "-----END CERTIFICATE-----".length();
            Set<String> codes = new HashSet<>();
            List<String> lines = normalised.substring(end).strip().lines().toList();
            for (String line : lines.isEmpty() ? List.<String>of() : lines.subList(1, lines.size())) {
                String[] columns = line.split(",", 5);
                if (columns.length >= 4) {
                    codes.add(columns[3]);
                }
            }
            if (!lines.isEmpty() && !lines.get(0).startsWith("node_path,validator,severity,code")) {
                throw new IllegalArgumentException("unexpected CSV header: " + lines.get(0));
            }
            return new CrtTest(normalised.substring(0, end) + "\n", Set.copyOf(codes));
        }
    }
}
