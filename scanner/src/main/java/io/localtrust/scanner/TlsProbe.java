package io.localtrust.scanner;

import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * One TLS connection: sends a ClientHello (with SNI when the device's name is known, and the
 * status_request extension so that a stapling server staples), takes the server's chain as sent and
 * its stapled OCSP response with {@link ChainCapture}, and ends the handshake there.
 *
 * <p>The first hello offers TLS 1.2 only ({@link #probe}): the server's Certificate (and
 * CertificateStatus) then travel in clear, before any key exchange, so reading them costs the
 * scanner no cryptography at all — in TLS 1.3 they arrive encrypted, after an X25519 exchange
 * and key schedule that cost a Java client more than everything else a probe does. A device that
 * refuses 1.2 is asked again offering TLS 1.3 ({@link #probeTls13}).
 */
final class TlsProbe {
    private static final String HANDSHAKE_FAILED = "TLS handshake failed: ";

    private final SSLSocketFactory factory;
    private final Connections connections;
    private final CertificateReader reader = new CertificateReader();

    TlsProbe(Connections connections) {
        this.connections = connections;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new ChainCapture()}, null);
            this.factory = ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no TLS client", e);
        }
    }

    private static final String[] TLS12 = {"TLSv1.2"};
    private static final String[] TLS13 = {"TLSv1.3"};

    /** Offers TLS 1.2; {@link Attempt.Refused} when the device will not speak it. */
    Attempt probe(InetSocketAddress to, Optional<String> name, long scanDeadline) {
        return probe(to, name, scanDeadline, TLS12);
    }

    /** Offers TLS 1.3, for a device that refused TLS 1.2. */
    Attempt probeTls13(InetSocketAddress to, Optional<String> name, long scanDeadline) {
        return probe(to, name, scanDeadline, TLS13);
    }

    private Attempt probe(InetSocketAddress to, Optional<String> name, long scanDeadline, String[] protocols) {
        Connections.Open open;
        try {
            open = connections.connect(to, scanDeadline);
        } catch (Connections.NotListening e) {
            return new Attempt.Closed(e.getMessage());
        }
        try (open) {
            SSLSocket s = (SSLSocket) factory.createSocket(open.socket(), name.orElse(to.getAddress().getHostAddress()), to.getPort(), true);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(name.<List<javax.net.ssl.SNIServerName>>map(n -> List.of(new SNIHostName(n))).orElse(List.of()));
            p.setEndpointIdentificationAlgorithm(null); // names are the classifier's business, not the handshake's
            p.setProtocols(protocols);
            s.setSSLParameters(p);
            try {
                s.startHandshake();
                return new Attempt.Failed("TLS handshake completed without the server presenting a certificate");
            } catch (IOException e) {
                Optional<ChainCapture.Captured> captured = ChainCapture.from(e);
                if (captured.isPresent()) {
                    return observed(to.getPort(), captured.get());
                }
                Attempt failed = failed(e, open);
                if (protocols == TLS12 && failed instanceof Attempt.Failed f && f.error().startsWith(HANDSHAKE_FAILED)) {
                    return new Attempt.Refused(f.error());
                }
                return failed;
            }
        } catch (IOException e) {
            return connections.failure(e, open);
        }
    }

    private Attempt failed(IOException e, Connections.Open open) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof SSLException && !(e instanceof SSLHandshakeException) && m.contains("nrecognized SSL message")) {
            return new Attempt.OtherProtocol("answered, but not with TLS");
        }
        if (e instanceof SSLHandshakeException && e.getCause() instanceof IOException io && !(io instanceof SSLException)) {
            return connections.failure(io, open);
        }
        if (e instanceof SSLException && !open.expired() && !(e.getCause() instanceof IOException)) {
            return new Attempt.Failed(HANDSHAKE_FAILED + m);
        }
        return connections.failure(e, open);
    }

    private Attempt observed(int port, ChainCapture.Captured c) {
        List<Cert> certs = new ArrayList<>();
        try {
            for (X509Certificate x : c.chain()) {
                certs.add(reader.parseDer(x.getEncoded()));
            }
            CertChain chain = CertChain.of(certs);
            TlsObservation tls = new TlsObservation(Optional.ofNullable(c.protocol()), Optional.ofNullable(c.cipher()), chain,
                    c.ocsp(), true);
            return new Attempt.Seen(EndpointObservation.https(port, tls));
        } catch (CertificateParseException | CertificateEncodingException e) {
            return new Attempt.Failed("the server presented a certificate chain that does not parse: " + e.getMessage());
        }
    }
}
