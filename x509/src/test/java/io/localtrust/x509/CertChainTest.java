package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link CertChain#of}: what cannot be a chain at all is refused; anything else is kept as presented. */
class CertChainTest {

    private static CertificateMaker.Made root;
    private static CertificateMaker.Made intermediate;
    private static CertificateMaker.Made leaf;
    /** Subject "Loop A", issued by "Loop B". */
    private static Cert loopA;
    /** Subject "Loop B", issued by "Loop A". */
    private static Cert loopB;
    private static java.security.KeyPair loopAKeys;

    @BeforeAll
    static void makeCertificates() {
        root = TestCerts.maker().commonName("Home Root").ca(1).make();
        intermediate = TestCerts.maker().commonName("Home Issuing CA").issuer(root).ca(0).make();
        leaf = TestCerts.maker().commonName("printer.home.arpa").issuer(intermediate).make();

        // Two CAs that certify each other: A's issuer is B's subject and B's issuer is A's subject.
        CertificateMaker.Made selfA = TestCerts.maker().commonName("Loop A").ca(null).make();
        CertificateMaker.Made selfB = TestCerts.maker().commonName("Loop B").ca(null).make();
        loopAKeys = selfA.keyPair();
        loopA = TestCerts.maker().commonName("Loop A").keyPair(selfA.keyPair()).issuer(selfB).ca(null).make().cert();
        loopB = TestCerts.maker().commonName("Loop B").keyPair(selfB.keyPair()).issuer(selfA).ca(null).make().cert();
    }

    @Test
    void loopFixtureIsWhatItClaims() {
        assertThat(loopA.issuer()).isEqualTo(loopB.subject());
        assertThat(loopB.issuer()).isEqualTo(loopA.subject());
        assertThat(loopA.selfIssued()).isFalse();
        assertThat(loopB.selfIssued()).isFalse();
    }

    @Test
    void acceptsLeafIntermediateRoot() throws Exception {
        CertChain chain = CertChain.of(List.of(leaf.cert(), intermediate.cert(), root.cert()));

        assertThat(chain.size()).isEqualTo(3);
        assertThat(chain.leaf()).isEqualTo(leaf.cert());
        assertThat(chain.rest()).containsExactly(intermediate.cert(), root.cert());
    }

    @Test
    void acceptsLeafAlone() throws Exception {
        CertChain chain = CertChain.of(List.of(leaf.cert()));

        assertThat(chain.leaf()).isEqualTo(leaf.cert());
        assertThat(chain.rest()).isEmpty();
    }

    @Test
    void acceptsSelfSignedLeaf() throws Exception {
        assertThat(CertChain.of(List.of(root.cert())).size()).isEqualTo(1);
    }

    @Test
    void keepsUnorderedAndExtraCertificatesAsPresented() throws Exception {
        Cert unrelated = TestCerts.maker().commonName("Someone Else").make().cert();
        List<Cert> presented = List.of(leaf.cert(), root.cert(), unrelated, intermediate.cert());

        assertThat(CertChain.of(presented).certs()).containsExactlyElementsOf(presented);
    }

    @Test
    void rejectsEmptyList() {
        assertThatThrownBy(() -> CertChain.of(List.of()))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("no certificate found");
        assertThatThrownBy(() -> new CertChain(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a chain holds at least one certificate");
    }

    @Test
    void rejectsTheSameCertificateTwice() {
        assertThatThrownBy(() -> CertChain.of(List.of(leaf.cert(), intermediate.cert(), leaf.cert())))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("chain loops: certificate 3 repeats certificate 1 ('printer.home.arpa')")
                .satisfies(UserMessages::assertUserMessage);
    }

    @Test
    void rejectsDuplicateThatIsAnEqualButSeparatelyParsedCertificate() throws Exception {
        Cert reparsed = new CertificateReader().parseDer(intermediate.cert().der());

        assertThatThrownBy(() -> CertChain.of(List.of(leaf.cert(), intermediate.cert(), reparsed)))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageStartingWith("chain loops: certificate 3 repeats certificate 2");
    }

    @Test
    void rejectsIssuerLoopBetweenTwoCertificates() {
        assertThatThrownBy(() -> CertChain.of(List.of(loopA, loopB)))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("chain loops: 'Loop A' → 'Loop B' → 'Loop A'")
                .satisfies(UserMessages::assertUserMessage);
    }

    @Test
    void rejectsIssuerLoopAboveALeaf() {
        CertificateMaker.Made issuerA = new CertificateMaker.Made(loopA, loopAKeys);
        Cert leafUnderA = TestCerts.maker().commonName("camera.home.arpa").issuer(issuerA).make().cert();

        assertThat(leafUnderA.issuer()).isEqualTo(loopA.subject());
        assertThatThrownBy(() -> CertChain.of(List.of(leafUnderA, loopB, loopA)))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("chain loops: 'Loop A' → 'Loop B' → 'Loop A'");
    }

    @Test
    void chainIsImmutable() throws Exception {
        List<Cert> certs = new ArrayList<>(List.of(leaf.cert(), intermediate.cert()));
        CertChain chain = CertChain.of(certs);
        certs.add(root.cert());

        assertThat(chain.size()).isEqualTo(2);
        assertThatThrownBy(() -> chain.certs().add(root.cert())).isInstanceOf(UnsupportedOperationException.class);
    }
}
