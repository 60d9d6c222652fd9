package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker.Made;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * RFC 6960 §4.2.2.2 delegated responders as {@link OcspResponses#read(byte[], Cert, Cert, Instant)}
 * judges them: a correct one (byName, byKey, with and without id-pkix-ocsp-nocheck) is accepted; one
 * that is expired, not yet valid (at the decision time or at producedAt), lacks id-kp-OCSPSigning,
 * has a key usage without digitalSignature, is certified by another CA, is not the one the
 * ResponderID names, or did not make the signature is refused with the reason — the status field of
 * such a response is read but says nothing ({@code signatureValid()} false).
 */
class OcspDelegatedResponderTest {
    private static final Instant NOW = TestCerts.NOW;
    private static final String NOCHECK = "1.3.6.1.5.5.7.48.1.5";
    private static final byte[] NULL = {0x05, 0x00};

    private final SecureRandom random = TestCerts.random(6960);
    private final Made ca = TestCerts.maker().commonName("Issuing CA").ca(0).lifetime(Duration.ofDays(700)).make();
    private final Made otherCa = TestCerts.maker().commonName("Other CA").ca(0).lifetime(Duration.ofDays(700)).make();
    private final Made leaf = TestCerts.maker().commonName("printer.home.arpa").issuer(ca).serverAuth().make();

    private CertificateMaker responder() {
        return TestCerts.maker().commonName("Issuing CA OCSP").issuer(ca).ocspSigning().lifetime(Duration.ofDays(30));
    }

    private OcspResponseMaker response(Made signer) {
        return OcspResponseMaker.about(leaf.cert(), ca.cert(), signer, NOW.minusSeconds(60)).carrying(signer.cert())
                .revoked(NOW.minusSeconds(3600));
    }

    private OcspStatus read(byte[] der) throws CertificateParseException {
        return OcspResponses.read(der, leaf.cert(), ca.cert(), NOW);
    }

    @Test
    void theIssuerItselfSigns() throws Exception {
        OcspStatus s = read(OcspResponseMaker.about(leaf.cert(), ca.cert(), ca, NOW).make(random));
        assertThat(s.signer().kind()).isEqualTo(OcspSigner.Kind.ISSUER);
        assertThat(s.signatureValid()).isTrue();
        OcspStatus byKey = read(OcspResponseMaker.about(leaf.cert(), ca.cert(), ca, NOW).responderByKey(ca.cert()).make(random));
        assertThat(byKey.signer().kind()).isEqualTo(OcspSigner.Kind.ISSUER);
    }

    @Test
    void aCorrectDelegatedResponderIsAcceptedByNameAndByKey() throws Exception {
        Made r = responder().make();
        OcspStatus byName = read(response(r).make(random));
        assertThat(byName.signer().kind()).isEqualTo(OcspSigner.Kind.DELEGATED);
        assertThat(byName.signer().responder()).contains(r.cert());
        assertThat(byName.signer().noCheck()).isFalse();
        assertThat(byName.status()).isEqualTo(OcspStatus.Status.REVOKED);
        OcspStatus byKey = read(response(r).responderByKey(r.cert()).make(random));
        assertThat(byKey.signatureValid()).isTrue();
    }

    @Test
    void noCheckIsReported() throws Exception {
        Made r = responder().extension(NOCHECK, false, NULL).make();
        OcspStatus s = read(response(r).make(random));
        assertThat(s.signer().kind()).isEqualTo(OcspSigner.Kind.DELEGATED);
        assertThat(s.signer().noCheck()).isTrue();
    }

    @Test
    void anExpiredResponderIsRefused() throws Exception {
        Made r = responder().notBefore(NOW.minus(Duration.ofDays(40))).make();
        assertRefused(response(r).make(random), "expired on");
    }

    @Test
    void aResponderNotYetValidIsRefused() throws Exception {
        Made r = responder().notBefore(NOW.plus(Duration.ofDays(1))).make();
        assertRefused(response(r).make(random), "is not valid before");
    }

    @Test
    void aResponderExpiredWhenTheResponseWasProducedIsRefused() throws Exception {
        Made r = responder().notBefore(NOW.minus(Duration.ofHours(2))).make();
        byte[] der = response(r).producedAt(NOW.minus(Duration.ofDays(1))).make(random);
        assertRefused(der, "the response was produced at");
    }

    @Test
    void aResponderWithoutOcspSigningIsRefused() throws Exception {
        Made r = TestCerts.maker().commonName("Issuing CA OCSP").issuer(ca).serverAuth().make();
        assertRefused(response(r).make(random), "lacks id-kp-OCSPSigning");
        Made none = TestCerts.maker().commonName("Issuing CA OCSP").issuer(ca).make();
        assertRefused(response(none).make(random), "lacks id-kp-OCSPSigning");
    }

    @Test
    void aResponderWhoseKeyUsageForbidsSigningIsRefused() throws Exception {
        Made r = responder().key(KeyKind.RSA_2048).keyUsage("keyEncipherment").make();
        assertRefused(response(r).make(random), "key usage without digitalSignature");
    }

    @Test
    void aResponderCertifiedByAnotherCaIsRefused() throws Exception {
        Made r = TestCerts.maker().commonName("Issuing CA OCSP").issuer(otherCa).ocspSigning().make();
        assertRefused(response(r).make(random), "is not certified by 'Issuing CA'");
        // another CA's responder under the issuer's very name: the signature on its certificate decides
        Made sameName = TestCerts.maker().commonName("Issuing CA").ca(0).make();
        Made forged = TestCerts.maker().commonName("Issuing CA OCSP").issuer(sameName).ocspSigning().make();
        assertRefused(response(forged).make(random), "is not certified by 'Issuing CA'");
    }

    @Test
    void aResponderIdThatNamesAnotherCertificateIsRefused() throws Exception {
        Made r = responder().make();
        Made other = TestCerts.maker().commonName("Someone Else").make();
        assertRefused(response(r).responderByName(other.cert()).make(random), "names neither 'Issuing CA'");
        assertRefused(response(r).responderByKey(other.cert()).make(random), "byKey");
        // the ResponderID names the issuer, the delegated responder signed: the issuer's key does not verify it
        assertRefused(response(r).responderByName(ca.cert()).make(random), "does not verify with the key of 'Issuing CA'");
    }

    @Test
    void aResponseSignedByAnotherKeyThanTheNamedResponderIsRefused() throws Exception {
        Made r = responder().make();
        Made impostor = TestCerts.maker().commonName("Issuing CA OCSP").make();
        byte[] der = OcspResponseMaker.about(leaf.cert(), ca.cert(), impostor, NOW.minusSeconds(60)).responderByName(r.cert())
                .carrying(r.cert()).make(random);
        assertRefused(der, "signature does not verify with the key of the delegated responder 'Issuing CA OCSP'");
    }

    @Test
    void withoutADecisionTimeTheResponderIsJudgedAtProducedAt() throws Exception {
        Made r = responder().notBefore(NOW.minus(Duration.ofDays(40))).make(); // expired at NOW, valid 35 days ago
        byte[] der = OcspResponseMaker.about(leaf.cert(), ca.cert(), r, NOW.minus(Duration.ofDays(35))).carrying(r.cert())
                .make(random);
        assertThat(OcspResponses.read(der, leaf.cert(), ca.cert()).signatureValid()).isTrue();
        assertThat(OcspResponses.read(der, leaf.cert(), ca.cert(), NOW).signatureValid()).isFalse();
    }

    private void assertRefused(byte[] der, String why) throws CertificateParseException {
        OcspStatus s = read(der);
        assertThat(s.signatureValid()).isFalse();
        assertThat(s.signer().kind()).isEqualTo(OcspSigner.Kind.NONE);
        assertThat(s.signer().problem()).hasValueSatisfying(p -> assertThat(p).contains(why));
    }
}
