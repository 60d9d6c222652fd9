package io.localtrust.acme.validation;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.Digests;
import io.localtrust.x509.TestCerts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.DEROctetString;

/** Certificates and server-side TLS contexts for the validation tests. */
final class TestTls {
    private TestTls() {
    }

    /** The extnValue content RFC 8737 asks for: an OCTET STRING of SHA-256(key authorization). */
    static byte[] acmeIdentifierValue(String keyAuthorization) {
        try {
            return new DEROctetString(Digests.sha256(keyAuthorization.getBytes(StandardCharsets.UTF_8))).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed tls-alpn-01 certificate for a dNSName, with a critical acmeIdentifier extension. */
    static CertificateMaker.Made validationCertificate(String dnsName, String keyAuthorization) {
        return TestCerts.maker().commonName("acme-tls-alpn").dns(dnsName)
                .extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, acmeIdentifierValue(keyAuthorization)).make();
    }

    /** A server context presenting {@code made}. */
    static SSLContext serverContext(CertificateMaker.Made made) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(made.cert().der()));
            char[] password = "test".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("device", made.keyPair().getPrivate(), password, new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
