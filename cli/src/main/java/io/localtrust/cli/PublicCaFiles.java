package io.localtrust.cli;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * {@code --public-ca CERT --public-ca-key KEY}: the CA that stands in for a public one when a
 * simulated fleet has U-CA/S devices (a test CA, e.g. made with openssl; the key in PEM, PKCS#8 or
 * traditional, unencrypted). The key must belong to the certificate.
 */
final class PublicCaFiles {
    private PublicCaFiles() {
    }

    static Made read(Path certFile, Path keyFile) {
        Cert cert;
        try {
            List<Cert> certs = new CertificateReader().read(certFile);
            cert = certs.get(0);
        } catch (CertificateParseException e) {
            throw new UserError(e.getMessage());
        }
        PrivateKey key;
        try (PEMParser p = new PEMParser(new StringReader(Files.readString(keyFile, StandardCharsets.US_ASCII)))) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                key = conv.getPrivateKey(info);
            } else if (o instanceof PEMKeyPair pair) {
                key = conv.getKeyPair(pair).getPrivate();
            } else {
                throw new UserError(keyFile + ": not an unencrypted PEM private key");
            }
        } catch (IOException e) {
            throw new UserError(keyFile + ": cannot read the key (" + e.getMessage() + ")");
        }
        PublicKey pub;
        try {
            pub = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert.der())).getPublicKey();
        } catch (CertificateException e) {
            throw new UserError(certFile + ": " + e.getMessage());
        }
        if (!matches(pub, key)) {
            throw new UserError(keyFile + ": this key does not belong to the certificate in " + certFile);
        }
        return new Made(cert, new KeyPair(pub, key));
    }

    /** Signs a probe with the key and checks it with the certificate's public key. */
    private static boolean matches(PublicKey pub, PrivateKey key) {
        try {
            String alg = pub.getAlgorithm().equals("RSA") ? "SHA256withRSA" : pub.getAlgorithm().startsWith("EC") ? "SHA256withECDSA"
                    : pub.getAlgorithm();
            byte[] probe = "localtrust key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(probe);
            return s.verify(sig);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
