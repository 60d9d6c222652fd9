package io.localtrust.scanner;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The scanner's trust manager: it trusts nothing. When the server's Certificate message arrives it
 * takes the chain as sent, the stapled OCSP response (RFC 6066 §8, RFC 8446 §4.4.2.1) and the
 * negotiated version and suite from the handshake session, and ends the handshake by throwing
 * {@link Captured}, which carries them out. The rest of the handshake (verifying the server's
 * signature, the client's key exchange and Finished) is work a scan does not need: the chain is
 * judged by the classifier, not here.
 */
final class ChainCapture extends X509ExtendedTrustManager {

    /** Thrown to end the handshake once the chain is in hand; not an error. */
    static final class Captured extends CertificateException {
        private static final long serialVersionUID = 1L;
        private final transient List<X509Certificate> chain;
        private final transient Optional<byte[]> ocsp;
        private final String protocol;
        private final String cipher;

        Captured(List<X509Certificate> chain, Optional<byte[]> ocsp, String protocol, String cipher) {
            super("chain captured; handshake ended on purpose", null);
            this.chain = List.copyOf(chain);
            this.ocsp = ocsp;
            this.protocol = protocol;
            this.cipher = cipher;
        }

        List<X509Certificate> chain() {
            return chain;
        }

        Optional<byte[]> ocsp() {
            return ocsp;
        }

        String protocol() {
            return protocol;
        }

        String cipher() {
            return cipher;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // control flow, thousands per scan: no stack to capture
        }
    }

    /** The capture carried by a failed handshake's cause chain, if that is why it failed. */
    static Optional<Captured> from(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Captured cap) {
                return Optional.of(cap);
            }
        }
        return Optional.empty();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw capture(chain, socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw capture(chain, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw capture(chain, null);
    }

    private static Captured capture(X509Certificate[] chain, SSLSession session) {
        Optional<byte[]> ocsp = Optional.empty();
        if (session instanceof ExtendedSSLSession ext) {
            List<byte[]> responses = ext.getStatusResponses();
            if (!responses.isEmpty() && responses.get(0) != null && responses.get(0).length > 0) {
                ocsp = Optional.of(responses.get(0).clone());
            }
        }
        return new Captured(List.of(chain), ocsp, session == null ? null : session.getProtocol(),
                session == null ? null : session.getCipherSuite());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the scanner is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the scanner is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the scanner is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
