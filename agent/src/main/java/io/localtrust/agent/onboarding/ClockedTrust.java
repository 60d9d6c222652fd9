package io.localtrust.agent.onboarding;

import io.localtrust.x509.Cert;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.CertPathTrustManagerParameters;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS that trusts exactly the gateway's root, judging every handshake at the injected clock's
 * instant (JSSE's PKIX would judge at the system's time: a device under a test's fixed clock, or a
 * demo gateway made on one, would see the gateway's certificates as expired). Revocation is not
 * checked: the gateway staples nothing to its own HTTPS, and its certificates are short-lived.
 */
final class ClockedTrust {
    private ClockedTrust() {
    }

    static SSLContext context(Cert root, Clock clock) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("gateway-root",
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.der())));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AtClock(anchors, clock)}, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the gateway's root: " + e.getMessage(), e);
        }
    }

    /** A PKIX trust manager made afresh for each handshake, dated at the clock. */
    private record AtClock(KeyStore anchors, Clock clock) implements javax.net.ssl.X509TrustManager {
        private X509ExtendedTrustManager now() throws CertificateException {
            try {
                PKIXBuilderParameters pkix = new PKIXBuilderParameters(anchors, new X509CertSelector());
                pkix.setDate(Date.from(clock.instant()));
                pkix.setRevocationEnabled(false);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(new CertPathTrustManagerParameters(pkix));
                return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
            } catch (GeneralSecurityException e) {
                throw new CertificateException("cannot judge the gateway's chain: " + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager judges the gateway (a server) only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            now().checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
