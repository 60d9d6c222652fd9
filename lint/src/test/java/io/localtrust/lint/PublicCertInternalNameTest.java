package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.as;
import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static io.localtrust.lint.TestCerts.publicLeaf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicCertInternalNameTest {
    private final PublicCertInternalName lint = new PublicCertInternalName();

    @Test
    void flagsPublicLeafForDotLocalName() {
        var cert = maker().dns("nas.example.com", "nas.local").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("PUBLIC_CERT_INTERNAL_NAME");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).startsWith("publicly trusted certificate names internal name 'nas.local':");
        });
    }

    @Test
    void flagsNameWithoutPublicTld() {
        var cert = maker().dns("router.corp", "printer").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("internal names 'router.corp', 'printer'"));
    }

    @Test
    void flagsHomeArpaAlthoughArpaIsAPublicTld() {
        var cert = maker().dns("nas.home.arpa").make().cert();

        assertThat(lint.check(cert, publicLeaf())).hasSize(1);
    }

    @Test
    void flagsWildcardUnderInternalZone() {
        var cert = maker().dns("*.internal").make().cert();

        assertThat(lint.check(cert, publicLeaf())).hasSize(1);
    }

    @Test
    void passesPublicNamesAndOnion() {
        var cert = maker().dns("nas.example.com", "*.example.co.uk",
                "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion").make().cert();

        assertThat(lint.check(cert, publicLeaf())).isEmpty();
    }

    @Test
    void ignoresCertificatesThatAreNotPubliclyTrusted() {
        var cert = maker().dns("nas.local").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void ignoresNameConstraintsHolderRoles() {
        var cert = maker().dns("nas.local").ca(0).make().cert();

        assertThat(lint.check(cert, new LintContext(TestCerts.AT, CertRole.INTERMEDIATE, true))).isEmpty();
        assertThat(lint.check(cert, as(CertRole.ROOT))).isEmpty();
    }

    @Test
    void listsAtMostFiveNames() {
        var cert = maker().dns("a.local", "b.local", "c.local", "d.local", "e.local", "f.local", "g.local").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'e.local' and 2 more").doesNotContain("f.local"));
    }
}
