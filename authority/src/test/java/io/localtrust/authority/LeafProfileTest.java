package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The draft is assembled from parts made once per CA: it must be what Bouncy Castle's generator makes of the same fields. */
class LeafProfileTest {
    @TempDir
    Path tmp;

    @Test
    void theDraftIsWhatV3TbsCertificateGeneratorMakesOfTheSameFields() throws Exception {
        Path dir = tmp.resolve("gw");
        TestGateway.init(dir);
        try (Gateway gateway = TestGateway.open(dir)) {
            var profile = new LeafProfile(gateway.config(), gateway.intermediate(),
                    SigningKey.bouncyCastle(KeyFiles.readIntermediateKey(gateway.files().intermediateKey()),
                            KeyFiles.toBcPublic(gateway.intermediate().spkiDer())));
            for (var ids : List.of(List.of("printer.home.arpa", "192.168.1.20"), List.of("192.168.1.21"))) {
                for (boolean rsa : new boolean[] {false, true}) {
                    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key().getPublic().getEncoded());
                    LeafProfile.Draft draft = profile.draft(spki, rsa, ids.stream().map(this::identity).toList(),
                            new BigInteger("1234567890abcdef1234567890abcdef", 16), TestGateway.NOW);

                    TBSCertificate tbs = Certificate.getInstance(draft.der()).getTBSCertificate();
                    V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
                    g.setSerialNumber(tbs.getSerialNumber());
                    g.setSignature(tbs.getSignature());
                    g.setIssuer(tbs.getIssuer());
                    g.setStartDate(tbs.getStartDate());
                    g.setEndDate(tbs.getEndDate());
                    g.setSubject(tbs.getSubject());
                    g.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
                    g.setExtensions(tbs.getExtensions());
                    byte[] generated = new DERSequence(new ASN1Encodable[] {
                        g.generateTBSCertificate(), tbs.getSignature(), new DERBitString(new byte[0])}).getEncoded(ASN1Encoding.DER);

                    assertThat(draft.der()).as(ids + (rsa ? " RSA" : "")).isEqualTo(generated);
                    assertThat(draft.certificate().getEncoded(ASN1Encoding.DER)).isEqualTo(draft.der());
                    assertThat(tbs.getExtensions().getExtensionOIDs()).hasSize(8);
                }
            }
        }
    }

    private Identity identity(String s) {
        try {
            return Identity.parse(s);
        } catch (IssuanceRefused e) {
            throw new AssertionError(e);
        }
    }
}
