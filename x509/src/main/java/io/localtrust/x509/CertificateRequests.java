package io.localtrust.x509;

import java.io.IOException;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes PKCS#10 certificate requests (RFC 2986), as a device does at onboarding. Only the key
 * and a common name go in: the authority takes names from the approved identities, not the CSR.
 */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** A DER CSR for {@code key}, signed with it (SHA-256/384 ECDSA, SHA-256 RSA, or Ed25519). */
    public static byte[] create(KeyPair key, String commonName) {
        String alg = SignatureAlgorithms.forKey(key.getPublic());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                    .build(new JcaContentSignerBuilder(alg).setProvider(BouncyCastle.provider()).build(key.getPrivate()))
                    .getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate request: " + e.getMessage(), e);
        }
    }
}
