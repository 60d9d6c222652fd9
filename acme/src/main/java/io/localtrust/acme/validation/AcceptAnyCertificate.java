package io.localtrust.acme.validation;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS client connections that accept <em>any</em> server certificate — deliberately, and only
 * for validation: a tls-alpn-01 certificate is self-signed by design (RFC 8737 §3: what is
 * checked is its content, not its chain), and an http-01 redirect to https is followed without
 * checking the certificate (RFC 8555 §8.3, as Boulder does) because the proof is the body.
 *
 * <p>The trust manager lives in an {@link SSLContext} made for one connection; nothing global
 * changes. Never use this for anything but a challenge.
 */
final class AcceptAnyCertificate extends X509ExtendedTrustManager {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private AcceptAnyCertificate() {
    }

    /**
     * Layers TLS 1.2+ over a connected socket, offering exactly {@code alpn} and sending SNI
     * {@code sni} (none when empty). The handshake has not started.
     *
     * @throws IllegalArgumentException when {@code sni} is not a valid host name
     */
    static SSLSocket layer(Socket connected, String sni, List<String> alpn) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is required by every Java platform", e);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(
                connected, connected.getInetAddress().getHostAddress(), connected.getPort(), true);
        SSLParameters p = tls.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setApplicationProtocols(alpn.toArray(String[]::new));
        p.setServerNames(sni.isEmpty() ? List.of() : List.<SNIServerName>of(new SNIHostName(sni)));
        p.setEndpointIdentificationAlgorithm(null);
        tls.setSSLParameters(p);
        return tls;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // accepted: the caller inspects the certificate itself
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // accepted: the caller inspects the certificate itself
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // accepted: the caller inspects the certificate itself
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("validation connections are clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("validation connections are clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("validation connections are clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
