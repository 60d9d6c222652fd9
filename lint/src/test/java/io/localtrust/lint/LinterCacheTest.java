package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.AT;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.KeyKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The linter remembers time-free findings per certificate: the answers must be those of a fresh linter. */
class LinterCacheTest {
    private final Linter linter = Linter.standard();

    @Test
    void theTimeIsReadOnEveryCallSoAnExpiryInTheMeantimeIsFound() {
        Cert cert = maker().key(KeyKind.EC_P256).dns("nas.home.arpa").lifetime(Duration.ofDays(30)).make().cert();
        LintContext now = new LintContext(AT, CertRole.LEAF, false);
        LintContext later = new LintContext(cert.notAfter().plusSeconds(1), CertRole.LEAF, false);
        LintContext before = new LintContext(cert.notBefore().minusSeconds(1), CertRole.LEAF, false);
        assertThat(linter.lint(cert, now)).isEmpty();
        assertThat(linter.lint(cert, later)).extracting(Finding::code).containsExactly("EXPIRED");
        assertThat(linter.lint(cert, before)).extracting(Finding::code).containsExactly("NOT_YET_VALID");
        assertThat(linter.lint(cert, now)).isEmpty();
    }

    @Test
    void publicTrustAndRoleArePartOfWhatIsRemembered() {
        Cert cert = maker().key(KeyKind.EC_P256).dns("nas.home.arpa").make().cert();
        assertThat(linter.lint(cert, new LintContext(AT, CertRole.LEAF, false))).isEmpty();
        assertThat(linter.lint(cert, new LintContext(AT, CertRole.LEAF, true))).extracting(Finding::code)
                .contains("PUBLIC_CERT_INTERNAL_NAME");
        assertThat(linter.lint(cert, new LintContext(AT, CertRole.LEAF, false))).isEmpty();
    }

    /** A certificate with a finding from most lints: RSA-1024, SHA-1, an IP as CN, no SAN, 20 years. */
    private static Cert weak() {
        return maker().key(KeyKind.RSA_1024).signatureAlgorithm("SHA1withRSA").commonName("192.168.1.1")
                .lifetime(Duration.ofDays(7300)).make().cert();
    }

    /** A private leaf now, and a public one just after it expired. */
    private static List<LintContext> twoContexts(Cert cert) {
        return List.of(new LintContext(AT, CertRole.LEAF, false),
                new LintContext(cert.notAfter().plusSeconds(1), CertRole.LEAF, true));
    }

    @Test
    void repeatedCallsGiveWhatAFreshLinterGivesInTheSameOrder() {
        Cert weak = weak();
        for (LintContext ctx : twoContexts(weak)) {
            List<Finding> first = linter.lint(weak, ctx);
            assertThat(linter.lint(weak, ctx)).isEqualTo(first).isEqualTo(Linter.standard().lint(weak, ctx));
        }
        assertThat(linter.lint(weak, new LintContext(weak.notAfter().plusSeconds(1), CertRole.LEAF, false)))
                .extracting(Finding::code)
                .containsExactly("WEAK_RSA_KEY", "WEAK_SIGNATURE", "EXPIRED", "NO_SAN", "VALIDITY_TOO_LONG");
    }

    @Test
    void aCustomLintIsNeverRemembered() {
        int[] calls = {0};
        Lint counting = new Lint() {
            public String code() {
                return "COUNTED";
            }

            public Severity severity() {
                return Severity.LOW;
            }

            public String description() {
                return "counts its calls";
            }

            public List<Finding> check(Cert cert, LintContext context) {
                calls[0]++;
                return List.of();
            }
        };
        Linter custom = new Linter(List.of(counting));
        Cert cert = maker().dns("a.home.arpa").make().cert();
        custom.lintChain(new CertChain(List.of(cert)), AT, false);
        custom.lintChain(new CertChain(List.of(cert)), AT, false);
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void lintOnceFindsWhatLintFindsAndRemembersNothing() {
        Cert weak = weak();
        for (LintContext ctx : twoContexts(weak)) {
            assertThat(linter.lintOnce(weak, ctx)).isEqualTo(Linter.standard().lint(weak, ctx)).isNotEmpty();
        }
        assertThat(linter.remembered()).isZero();
        linter.lint(weak, new LintContext(AT, CertRole.LEAF, false));
        assertThat(linter.remembered()).isEqualTo(1);
    }
}
