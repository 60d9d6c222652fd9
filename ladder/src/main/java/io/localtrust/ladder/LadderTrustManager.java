package io.localtrust.ladder;

import io.localtrust.locality.Addresses;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client-side trust manager that asks the {@link Ladder}. It reads the host from the handshake
 * (the SNI name sent, else the session's peer host), the address from the socket — or, with an
 * {@code SSLEngine}, from the resolver, counting the connection local only when every address
 * of the name is — and the stapled OCSP response from the session (RFC 6066 status_request).
 * Accepts {@link Verdict#accepted() trusted} verdicts; everything else is a
 * {@link CertificateException} whose message is the verdict and its text. Without a socket or
 * engine nothing is known about the connection, and it refuses. It never verifies clients.
 */
final class LadderTrustManager extends X509ExtendedTrustManager {
    private final Ladder ladder;
    private final HostResolver resolver;
    private final Consumer<Decision> decisions;
    private final CertificateReader reader = new CertificateReader();

    LadderTrustManager(Ladder ladder, HostResolver resolver, Consumer<Decision> decisions) {
        this.ladder = Objects.requireNonNull(ladder, "ladder");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        SSLSession session = socket instanceof SSLSocket s ? s.getHandshakeSession() : null;
        Optional<InetAddress> address = Optional.ofNullable(socket == null ? null : socket.getInetAddress());
        decide(chain, host(session, address.map(InetAddress::getHostAddress).orElse(null)),
                socket == null ? -1 : socket.getPort(), address, session);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        SSLSession session = engine == null ? null : engine.getHandshakeSession();
        String host = host(session, engine == null ? null : engine.getPeerHost());
        decide(chain, host, engine == null ? -1 : engine.getPeerPort(), host == null ? Optional.empty() : resolve(host),
                session);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException(Verdict.REJECTED + ": the host and address of the connection are unknown "
                + "(use an SSLSocket or SSLEngine)");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager verifies servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void decide(X509Certificate[] chain, String host, int port, Optional<InetAddress> address, SSLSession session)
            throws CertificateException {
        if (host == null || host.isBlank()) {
            throw new CertificateException(Verdict.REJECTED + ": the host name of the connection is unknown");
        }
        List<Cert> certs = new ArrayList<>();
        try {
            for (X509Certificate c : chain == null ? new X509Certificate[0] : chain) {
                certs.add(reader.parseDer(c.getEncoded()));
            }
        } catch (CertificateParseException | CertificateEncodingException e) {
            throw new CertificateException(Verdict.REJECTED + ": unusable certificate (" + e.getMessage() + ")");
        }
        TlsPeer peer = new TlsPeer(host, port < 0 ? 443 : port, address, certs, staple(session), Optional.empty());
        Decision d = ladder.decide(peer);
        decisions.accept(d);
        if (!d.verdict().accepted()) {
            throw new CertificateException(d.summary());
        }
    }

    /** The SNI host name the client sent, else the peer host it was created with. */
    private static String host(SSLSession session, String fallback) {
        if (session instanceof ExtendedSSLSession ext) {
            for (SNIServerName n : ext.getRequestedServerNames()) {
                if (n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
        }
        String peerHost = session == null ? null : session.getPeerHost();
        return peerHost != null ? peerHost : fallback;
    }

    private static Optional<byte[]> staple(SSLSession session) {
        if (session instanceof ExtendedSSLSession ext) {
            try {
                List<byte[]> responses = ext.getStatusResponses();
                if (!responses.isEmpty() && responses.getFirst().length > 0) {
                    return Optional.of(responses.getFirst());
                }
            } catch (UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The address the connection went to: a non-local one if the name has any (so it is not local), else the first. */
    private Optional<InetAddress> resolve(String host) {
        Optional<InetAddress> literal = Addresses.literal(host);
        if (literal.isPresent()) {
            return literal;
        }
        try {
            List<InetAddress> all = resolver.resolve(host);
            var locality = ladder.config().locality();
            return all.stream().filter(a -> !locality.isLocalAddress(a)).findFirst().or(() -> all.stream().findFirst());
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
