package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Signature;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

class CertWithSignatureTest {
    private final CertificateReader reader = new CertificateReader();

    private static byte[] sign(byte[] data, CertificateMaker.Made by, String algorithm) throws Exception {
        Signature s = Signature.getInstance(algorithm, BouncyCastle.provider());
        s.initSign(by.keyPair().getPrivate(), TestCerts.random(7));
        s.update(data);
        return s.sign();
    }

    /** Every field but the self-signature holder, which is compared by its answer. */
    private static void assertSameAsParsed(Cert kept, Cert parsed) {
        var components = Cert.class.getRecordComponents();
        for (var c : components) {
            if (c.getName().equals("selfSignature")) {
                continue;
            }
            try {
                Object a = c.getAccessor().invoke(kept);
                Object b = c.getAccessor().invoke(parsed);
                if (a instanceof byte[] x) {
                    assertThat(x).as(c.getName()).isEqualTo((byte[]) b);
                } else {
                    assertThat(a).as(c.getName()).isEqualTo(b);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(kept.selfSigned()).isEqualTo(parsed.selfSigned());
    }

    @Test
    void theSameSignatureGivesBackTheSameCertificate() throws Exception {
        CertificateMaker.Made ca = TestCerts.maker().commonName("CA").ca(0).make();
        Cert leaf = TestCerts.maker().issuer(ca).dns("printer.home.arpa").serverAuth().make().cert();
        byte[] signature = Certificate.getInstance(leaf.der()).getSignature().getOctets();
        Cert again = leaf.withSignature(signature);
        assertThat(again.der()).isEqualTo(leaf.der());
        assertSameAsParsed(again, leaf);
    }

    @Test
    void anUnsignedDraftSignedOverItsTbsIsTheCertificateAParseWouldGive() throws Exception {
        CertificateMaker.Made ca = TestCerts.maker().commonName("CA").ca(0).make();
        Cert leaf = TestCerts.maker().issuer(ca).dns("printer.home.arpa").ip("192.168.1.20").serverAuth().localDevice()
                .ocspUrl("http://gw.home.arpa/ocsp").crlUrl("http://gw.home.arpa/a.crl").make().cert();
        Cert draft = leaf.withSignature(new byte[0]);
        assertThat(draft.tbsDer()).isEqualTo(leaf.tbsDer());
        assertThat(draft.fingerprints()).isNotEqualTo(leaf.fingerprints());

        byte[] signature = sign(draft.tbsDer(), ca, leaf.signatureAlgorithm());
        Cert signed = draft.withSignature(signature);
        Cert parsed = reader.parseDer(signed.der());
        assertSameAsParsed(signed, parsed);
        assertThat(signed.fingerprints()).isEqualTo(Digests.of(signed.der(), signed.spkiDer()));
        Signature verify = Signature.getInstance(leaf.signatureAlgorithm(), BouncyCastle.provider());
        verify.initVerify(ca.keyPair().getPublic());
        verify.update(parsed.tbsDer());
        assertThat(verify.verify(Certificate.getInstance(parsed.der()).getSignature().getOctets())).isTrue();
    }

    @Test
    void aSelfSignedCertificateChecksItsNewSignatureNotTheOldAnswer() throws Exception {
        CertificateMaker.Made root = TestCerts.maker().commonName("Root").ca(1).make();
        assertThat(root.cert().selfSigned()).isTrue();
        Cert draft = root.cert().withSignature(new byte[0]);
        assertThat(draft.selfSigned()).isFalse();
        Cert resigned = draft.withSignature(sign(draft.tbsDer(), root, root.cert().signatureAlgorithm()));
        assertThat(resigned.selfSigned()).isTrue();
        assertSameAsParsed(resigned, reader.parseDer(resigned.der()));
    }

    @Test
    void longSignaturesGetLongFormLengths() throws Exception {
        Cert leaf = TestCerts.maker().dns("a.home.arpa").make().cert();
        for (int size : new int[] {0, 126, 127, 128, 255, 256, 70_000}) {
            byte[] fake = new byte[size];
            Arrays.fill(fake, (byte) 0x5a);
            Cert c = leaf.withSignature(fake);
            assertThat(Certificate.getInstance(c.der()).getSignature().getOctets()).as("size " + size).isEqualTo(fake);
            assertThat(c.tbsDer()).isEqualTo(leaf.tbsDer());
        }
    }

    @Test
    void aBerLengthIsRefused() {
        byte[] der = TestCerts.maker().dns("a.home.arpa").make().cert().der();
        assertThat(der[1] & 0xff).isEqualTo(0x82);
        byte[] ber = new byte[der.length + 1];
        ber[0] = der[0];
        ber[1] = (byte) 0x83; // the same length in one byte more than it needs
        ber[2] = 0;
        System.arraycopy(der, 2, ber, 3, der.length - 2);
        assertThatThrownBy(() -> CertificateDer.parts(ber)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shortest form");
        assertThatThrownBy(() -> CertificateDer.parts(Arrays.copyOf(der, der.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
