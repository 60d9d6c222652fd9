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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Measures our lints against the expectations of ZLint's own unit tests
 * ({@code testdata/lint/zlint-subset}, zmap/zlint 1007b1d, Apache-2.0): for each fixture of a
 * mapped ZLint lint, Error/Warn must mean our lint fires and Pass/NA/NE that it does not.
 * Fixtures are linted as publicly trusted leaves one day after their notBefore, because ZLint
 * judges a certificate at issuance, not at scan time. The disagreements must be exactly the
 * reviewed list below, so both a regression and an unexplained improvement fail.
 */
class ZlintAgreementTest {

    static final List<Mapping> MAPPINGS = List.of(
            new Mapping("e_rsa_mod_less_than_2048_bits", "WEAK_RSA_KEY"),
            new Mapping("e_rsa_fermat_factorization", "FACTORABLE_RSA_KEY"),
            new Mapping("w_rsa_mod_factors_smaller_than_752", "FACTORABLE_RSA_KEY"),
            new Mapping("w_rsa_mod_not_odd", "FACTORABLE_RSA_KEY"),
            new Mapping("e_ec_improper_curves", "UNSUPPORTED_CURVE"),
            new Mapping("e_ext_san_missing", "NO_SAN"),
            new Mapping("e_dnsname_not_valid_tld", "PUBLIC_CERT_INTERNAL_NAME"),
            new Mapping("e_ext_san_contains_reserved_ip", "PUBLIC_CERT_RESERVED_IP"),
            new Mapping("e_subject_contains_reserved_ip", "PUBLIC_CERT_RESERVED_IP"));

    /** Reviewed deviations: {@code zlint_lint | fixture} → why our answer differs on purpose. */
    static final Map<String, String> KNOWN_DEVIATIONS = Map.of(
            "e_dnsname_not_valid_tld | dnsNameWasValidTLD.pem",
            "Its TLD .mcdonalds was in the root zone when the certificate was issued (2016) and has been removed since."
                    + " ZLint judges a name at issuance; we judge it against today's root zone (Guava's Public Suffix"
                    + " List), because we lint what devices present now.",
            "e_ext_san_contains_reserved_ip | SANValidIP.pem",
            "Its iPAddress SAN is global, but its subject CN is '::', the unspecified address. Our one lint covers"
                    + " the SAN and the subject (BR §7.1.4.2.1 forbids both); ZLint splits that check into two lints,"
                    + " and this fixture only tests the SAN one.",
            "w_rsa_mod_not_odd | oddRsaMod.pem",
            "Its 14-bit modulus 12345 is odd but is 3·5·823. FACTORABLE_RSA_KEY also covers prime factors below 752,"
                    + " which ZLint checks in a separate lint (w_rsa_mod_factors_smaller_than_752).");

    @Test
    void agreesWithZlintExceptForReviewedDeviations() throws IOException {
        Path dir = SharedTestData.lintData().resolve("zlint-subset");
        List<String> rows = Files.readAllLines(dir.resolve("expectations.csv"), StandardCharsets.UTF_8);
        assertThat(rows.get(0)).isEqualTo("lint,pem,expected,source_test");
        Linter linter = Linter.standard();
        CertificateReader reader = new CertificateReader();
        AgreementTable table = new AgreementTable("ZLint agreement (zlint-subset/expectations.csv)", MAPPINGS);

        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            String zlintLint = f[0];
            String pem = f[1];
            String expected = f[2];
            for (Mapping m : MAPPINGS) {
                if (!m.theirs().equals(zlintLint)) {
                    continue;
                }
                Cert cert;
                try {
                    cert = reader.read(dir.resolve("testdata").resolve(pem)).get(0);
                } catch (CertificateParseException e) {
                    table.addUnparsable(m, pem);
                    continue;
                }
                boolean fires = fires(linter, m.ours(), cert);
                table.add(new Case(m, pem, expectsFinding(expected), fires));
            }
        }

        SharedTestData.writeReport("lint-agreement-zlint.md", table.markdown(KNOWN_DEVIATIONS));
        assertThat(table.cases()).as("cases measured").hasSizeGreaterThanOrEqualTo(25);
        assertThat(table.disagreements()).as("disagreements with ZLint other than the reviewed ones")
                .containsExactlyInAnyOrderElementsOf(KNOWN_DEVIATIONS.keySet());
    }

    static boolean expectsFinding(String zlintStatus) {
        return switch (zlintStatus) {
            case "Error", "Warn" -> true;
            case "Pass", "NA", "NE" -> false;
            default -> throw new IllegalArgumentException("unknown ZLint status " + zlintStatus);
        };
    }

    /** Whether our lint fires on the certificate as a publicly trusted leaf a day after issuance. */
    static boolean fires(Linter linter, String code, Cert cert) {
        LintContext context = new LintContext(cert.notBefore().plus(Duration.ofDays(1)), CertRole.LEAF, true);
        Set<String> codes = Set.copyOf(linter.lint(cert, context).stream().map(Finding::code).toList());
        return codes.contains(code);
    }
}
