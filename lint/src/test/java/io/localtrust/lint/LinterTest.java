package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.AT;
import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertChain;
import io.localtrust.x509.KeyKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinterTest {
    private final Linter linter = Linter.standard();

    @Test
    void standardSetHasElevenLintsWithUniqueCodes() {
        assertThat(linter.lints()).extracting(Lint::code).containsExactly(
                "FACTORABLE_RSA_KEY", "ROCA_KEY", "WEAK_RSA_KEY", "WEAK_SIGNATURE", "UNSUPPORTED_CURVE",
                "EXPIRED", "NOT_YET_VALID", "NO_SAN", "PUBLIC_CERT_INTERNAL_NAME", "PUBLIC_CERT_RESERVED_IP",
                "VALIDITY_TOO_LONG");
        assertThat(linter.lints()).allSatisfy(l -> assertThat(l.description()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void cleanModernLeafHasNoFindings() {
        var cert = maker().key(KeyKind.EC_P256).dns("nas.example.com").serverAuth().make().cert();

        assertThat(linter.lint(cert, new LintContext(AT, CertRole.LEAF, true))).isEmpty();
    }

    @Test
    void typicalFirmwareLeafCollectsEveryApplicableFinding() {
        var cert = maker().key(KeyKind.RSA_1024).signatureAlgorithm("SHA1withRSA").commonName("192.168.1.1")
                .lifetime(Duration.ofDays(7300)).make().cert();

        assertThat(linter.lint(cert, leaf())).extracting(Finding::code)
                .containsExactly("WEAK_RSA_KEY", "WEAK_SIGNATURE", "NO_SAN", "VALIDITY_TOO_LONG");
    }

    @Test
    void chainFindingsNameTheCertificateTheyAreAbout() {
        var root = maker().commonName("Vendor Root").key(KeyKind.RSA_2048).signatureAlgorithm("SHA1withRSA")
                .ca(null).make();
        var intermediate = maker().commonName("Vendor Devices CA").key(KeyKind.RSA_1024).issuer(root)
                .signatureAlgorithm("SHA1withRSA").ca(0).make();
        var leafCert = maker().commonName("nas").key(KeyKind.EC_P256).dns("nas.example.com").issuer(intermediate).make();
        var chain = new CertChain(List.of(leafCert.cert(), intermediate.cert(), root.cert()));

        List<Finding> findings = linter.lintChain(chain, AT, false);

        // The root's SHA-1 self-signature is skipped; the intermediate's SHA-1 signature is not.
        assertThat(findings).extracting(Finding::code).containsExactly("WEAK_RSA_KEY", "WEAK_SIGNATURE");
        assertThat(findings).extracting(Finding::message).allSatisfy(m -> assertThat(m).startsWith("intermediate 'Vendor Devices CA': "));
        assertThat(findings.get(0).message()).isEqualTo("intermediate 'Vendor Devices CA': "
                + "RSA key of 1024 bits: below the 2048-bit minimum; within reach of a well-funded attacker");
    }

    @Test
    void selfSignedCaAfterTheLeafIsTheRoot() {
        var root = maker().commonName("Vendor Root").ca(null).make();
        var intermediate = maker().commonName("Vendor CA").issuer(root).ca(0).make();

        assertThat(Linter.roleOf(root.cert())).isEqualTo(CertRole.ROOT);
        assertThat(Linter.roleOf(intermediate.cert())).isEqualTo(CertRole.INTERMEDIATE);
    }

    @Test
    void expiredRootIsReportedAsRoot() {
        var root = maker().commonName("Old Root").notBefore(AT.minus(Duration.ofDays(4000)))
                .lifetime(Duration.ofDays(3650)).ca(null).make();
        var leafCert = maker().dns("nas.example.com").issuer(root).make();

        assertThat(linter.lintChain(new CertChain(List.of(leafCert.cert(), root.cert())), AT, false))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo("EXPIRED");
                    assertThat(f.message()).startsWith("root 'Old Root': expired on ");
                });
    }
}
