package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link CertificateMaker} makes what it is asked, including what no reader should accept. */
class CertificateMakerTest {

    @Test
    void makesCertificatesLargerThanTheReaderAccepts() {
        CertificateMaker.Made made = TestCerts.maker().extension("1.2.3.4", false, new byte[100 * 1024]).make();

        assertThat(made.cert().der().length).isGreaterThan(100 * 1024);
        assertThat(made.cert().extensions()).contains(new Cert.ExtensionInfo("1.2.3.4", false, 100 * 1024));
    }

    @Test
    void issuedCertificateVerifiesWithTheIssuerKeyInTheJdk() throws Exception {
        CertificateMaker.Made ca = TestCerts.maker().commonName("Home Root").ca(0).make();
        Cert leaf = TestCerts.maker().commonName("printer").issuer(ca).make().cert();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate jdkLeaf = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(leaf.der()));

        jdkLeaf.verify(ca.keyPair().getPublic());
        assertThatThrownBy(() -> jdkLeaf.verify(jdkLeaf.getPublicKey())).isInstanceOf(java.security.SignatureException.class);
        assertThat(jdkLeaf.getIssuerX500Principal().getName()).isEqualTo(ca.cert().subject());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "ED25519", "RSA_1024"})
    void signsWithTheKeyKindsDefaultAlgorithm(KeyKind kind) {
        Cert cert = TestCerts.maker().key(kind).make().cert();

        assertThat(cert.signatureAlgorithm()).isEqualToIgnoringCase(kind.defaultSignatureAlgorithm());
    }

    @Test
    void issuerKeyNotSubjectKeyChoosesTheSignatureAlgorithm() {
        CertificateMaker.Made p384Ca = TestCerts.maker().key(KeyKind.EC_P384).ca(0).make();
        Cert p256Leaf = TestCerts.maker().key(KeyKind.EC_P256).issuer(p384Ca).make().cert();

        assertThat(p256Leaf.signatureAlgorithmOid()).isEqualTo("1.2.840.10045.4.3.3"); // ecdsa-with-SHA384
    }

    @Test
    void rejectsIpTextThatIsNotALiteral() {
        // Only literals: a name would be resolved (here from /etc/hosts) and a guessed address certified.
        assertThatThrownBy(() -> TestCerts.maker().ip("localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP literal");
    }

    @Test
    void makesDistinctSerialsAndKeys() {
        CertificateMaker maker = TestCerts.maker();
        Cert a = maker.make().cert();
        Cert b = maker.make().cert();

        assertThat(a.serial()).isNotEqualTo(b.serial());
        assertThat(a.fingerprints().spkiSha256()).isNotEqualTo(b.fingerprints().spkiSha256());
    }
}
