package io.localtrust.ladder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** What the trust manager refuses without a connection to look at: it fails closed, with one exception type. */
class TrustManagerRefusalsTest {
    private final Pki pki = new Pki();
    private final X509ExtendedTrustManager tm = LocalTrust.trustManager(pki.config(), Pki.CLOCK, d -> { });

    @Test
    void withoutSocketOrEngineNothingIsTrusted() throws Exception {
        X509Certificate leaf = x509(pki.gatewayLeaf("printer.home.arpa").cert().der());
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {leaf}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("REJECTED: the host and address of the connection are unknown");
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {leaf}, "ECDHE_ECDSA",
                (javax.net.ssl.SSLEngine) null)).isInstanceOf(CertificateException.class)
                .hasMessage("REJECTED: the host name of the connection is unknown");
        assertThatThrownBy(() -> tm.checkClientTrusted(new X509Certificate[] {leaf}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    private static X509Certificate x509(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
