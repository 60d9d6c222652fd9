package io.localtrust.scanner;

import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.scanner.tls.ClientHello12;
import io.localtrust.scanner.tls.ServerFlight;
import io.localtrust.scanner.tls.ServerFlightReader;
import io.localtrust.scanner.tls.TlsReadException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * its stapled OCSP response, and ends the connection there.
 *
 * <p>The first hello offers TLS 1.2 only ({@link #probe}) and is the scanner's own
 * ({@link ClientHello12}, {@link ServerFlightReader}): the server's Certificate (and
 * CertificateStatus) then travel in clear, before any key exchange, so reading them costs the
 * scanner no cryptography and no TLS engine at all. In TLS 1.3 they arrive encrypted, after an
 * X25519 exchange and key schedule: a device that refuses 1.2 is asked again through JSSE offering
 * TLS 1.3 ({@link #probeTls13}, {@link ChainCapture}); JSSE is set up on the first such device.
 */
final class TlsProbe {
    private static final String HANDSHAKE_FAILED = "TLS handshake failed: ";

    private volatile SSLSocketFactory factory;
    private final Connections connections;
    private final CertificateReader reader = new CertificateReader();
    private final SecureRandom random = new SecureRandom();
    /** Certificates parsed in this scan, by their DER; bounded. */
    private final Map<ByteBuffer, Cert> seen = new ConcurrentHashMap<>();
    private static final int MAX_SEEN = 4_096;

    TlsProbe(Connections connections) {
        this.connections = connections;
    }

    private SSLSocketFactory jsse() {
        SSLSocketFactory f = factory;
        if (f == null) {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new ChainCapture()}, null);
                f = ctx.getSocketFactory();
                factory = f; // racing threads make equivalent factories; either is fine
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK has no TLS client", e);
            }
        }
        return f;
    }

    private static final String[] TLS13 = {"TLSv1.3"};

    /**
     * Offers TLS 1.2 with the scanner's own hello and reads the server's first flight with
     * {@link ServerFlightReader} — no JSSE, no key exchange; {@link Attempt.Refused} when the device
     * will not speak TLS 1.2 (an alert, or another version chosen).
     */
    Attempt probe(InetSocketAddress to, Optional<String> name, long scanDeadline) {
        return connections.converse(to, scanDeadline, open -> {
            open.socket().getOutputStream().write(ClientHello12.record(name, random));
            try {
                ServerFlight flight = ServerFlightReader.read(new BufferedInputStream(open.socket().getInputStream(), 16 * 1024));
                return observed(to.getPort(), flight.version(), flight.cipher(), flight.chain(), flight.ocsp());
            } catch (TlsReadException e) {
                return switch (e.kind()) {
                    case NOT_TLS -> new Attempt.OtherProtocol(e.getMessage());
                    case ALERT -> new Attempt.Refused(HANDSHAKE_FAILED + e.getMessage());
                    case MALFORMED -> new Attempt.Failed(e.getMessage());
                };
            }
        });
    }

    /** Offers TLS 1.3 through JSSE, for a device that refused TLS 1.2: its certificate comes encrypted. */
    Attempt probeTls13(InetSocketAddress to, Optional<String> name, long scanDeadline) {
        return connections.converse(to, scanDeadline, open -> {
            SSLSocket s = (SSLSocket) jsse().createSocket(open.socket(), name.orElse(to.getAddress().getHostAddress()), to.getPort(), true);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(name.<List<javax.net.ssl.SNIServerName>>map(n -> List.of(new SNIHostName(n))).orElse(List.of()));
            p.setEndpointIdentificationAlgorithm(null); // names are the classifier's business, not the handshake's
            p.setProtocols(TLS13);
            s.setSSLParameters(p);
            try {
                s.startHandshake();
                return new Attempt.Failed("TLS handshake completed without the server presenting a certificate");
            } catch (IOException e) {
                Optional<ChainCapture.Captured> captured = ChainCapture.from(e);
                if (captured.isPresent()) {
                    return observed(to.getPort(), captured.get());
                }
                return failed(e, open);
            }
        });
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
        List<byte[]> ders = new ArrayList<>();
        try {
            for (X509Certificate x : c.chain()) {
                ders.add(x.getEncoded());
            }
        } catch (CertificateEncodingException e) {
            return new Attempt.Failed("the server presented a certificate chain that does not parse: " + e.getMessage());
        }
        return observed(port, c.protocol(), c.cipher(), ders, c.ocsp());
    }

    /**
     * Each certificate parsed once, here; the classifier, the lint and the reports share the parsed
     * form — and a certificate seen before in this scan (the same bytes on another device: the
     * shared firmware certificate a scan looks for, or a common intermediate) is not parsed again.
     */
    private Attempt observed(int port, String version, String cipher, List<byte[]> ders, Optional<byte[]> ocsp) {
        List<Cert> certs = new ArrayList<>(ders.size());
        try {
            for (byte[] der : ders) {
                certs.add(parsed(der));
            }
            TlsObservation tls = new TlsObservation(Optional.ofNullable(version), Optional.ofNullable(cipher), CertChain.of(certs),
                    ocsp, true);
            return new Attempt.Seen(EndpointObservation.https(port, tls));
        } catch (CertificateParseException e) {
            return new Attempt.Failed("the server presented a certificate chain that does not parse: " + e.getMessage());
        }
    }

    private Cert parsed(byte[] der) throws CertificateParseException {
        ByteBuffer key = ByteBuffer.wrap(der);
        Cert c = seen.get(key);
        if (c == null) {
            c = reader.parseDer(der);
            if (seen.size() >= MAX_SEEN) {
                seen.clear();
            }
            seen.put(key, c);
        }
        return c;
    }
}
