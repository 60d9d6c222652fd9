package io.localtrust.ladder;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Records the server's chain and lets the handshake finish, so that the probe can show and judge
 * what was presented; the verdict is the ladder's, made right after. Used only by {@link Prober},
 * which sends nothing over the connection it was used for.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> chain = List.of();

    List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) {
        chain = c == null ? List.of() : List.of(c);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
        chain = c == null ? List.of() : List.of(c);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType) {
        chain = c == null ? List.of() : List.of(c);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType) throws CertificateException {
        throw new CertificateException("servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
