package io.localtrust.acme.validation;

import io.localtrust.acme.Printable;
import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The tls-alpn-01 challenge (RFC 8737): a TLS 1.2 or 1.3 handshake with the target's address,
 * offering exactly the ALPN protocol {@value #ALPN}, which the device must select, and sending
 * SNI: the dns identifier, or for an ip identifier its reverse-mapping name
 * ({@code 4.3.2.1.in-addr.arpa}, or the ip6.arpa nibble form; RFC 8738 §6).
 *
 * <p>The device answers with a self-signed certificate, so no chain is validated: the handshake
 * trusts any certificate ({@link AcceptAnyCertificate}, for this connection only) and then checks
 * its content ({@link AcmeTlsCertificate}): one subjectAltName entry, the identifier, and the
 * critical acmeIdentifier extension holding SHA-256 of the key authorization. No application data
 * is exchanged. The address must be local ({@link LocalOnly}); {@code timeout} bounds the connect
 * and the whole handshake.
 *
 * <p>The token is not used: the key authorization (token and account thumbprint) is what the
 * certificate proves.
 *
 * <p>Problems: {@code rejectedIdentifier} (not local), {@code connection}, {@code tls} (handshake
 * failed or {@value #ALPN} not selected), {@code incorrectResponse} (the certificate is wrong).
 */
public final class TlsAlpn01Validator implements ChallengeValidator {
    /** The ALPN protocol of RFC 8737 §6.2. */
    public static final String ALPN = "acme-tls/1";

    private final LocalOnly guard;
    private final int port;
    private final Duration timeout;

    /** Validates on {@code port} (443 in RFC 8737) with the default guard ({@link LocalOnly#lan()}). */
    public TlsAlpn01Validator(int port, Duration timeout) {
        this(LocalOnly.lan(), port, timeout);
    }

    /** Validates on {@code port}, connecting only where {@code guard} allows. */
    public TlsAlpn01Validator(LocalOnly guard, int port, Duration timeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        this.guard = Objects.requireNonNull(guard, "guard");
        this.port = port;
        this.timeout = Timeouts.requirePositive(timeout, "timeout");
    }

    @Override
    public String type() {
        return "tls-alpn-01";
    }

    @Override
    public void validate(ValidationTarget target, String token, String keyAuthorization) throws AcmeProblem {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
        guard.requireLocal(target.address());
        String sni = target.type() == IdentifierType.IP ? ReverseDns.name(target.address())
                : target.identifier().replaceFirst("\\.$", ""); // SNI carries no final dot (RFC 6066 §3)
        String from = Hop.endpoint(target.address(), port) + " (SNI " + Printable.prefix(sni, 100) + ")";
        try (Deadline deadline = Deadline.after(timeout)) {
            Certificate presented = handshake(target.address(), sni, from, deadline);
            try {
                AcmeTlsCertificate.check(presented.getEncoded(), target, keyAuthorization, from);
            } catch (CertificateEncodingException e) {
                throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, from + " presented a certificate that cannot be encoded");
            }
        }
    }

    /** Connects, completes the handshake with {@value #ALPN} selected, and returns the device's certificate. */
    private Certificate handshake(InetAddress address, String sni, String from, Deadline deadline)
            throws AcmeProblem {
        try (Socket tcp = guard.connect(address, port, timeout)) {
            deadline.watch(tcp);
            SSLSocket tls = AcceptAnyCertificate.layer(tcp, sni, List.of(ALPN));
            tls.startHandshake();
            String selected = tls.getApplicationProtocol();
            if (!ALPN.equals(selected)) {
                throw new AcmeProblem(AcmeError.TLS, from + " did not select ALPN protocol " + ALPN
                        + (selected == null || selected.isEmpty() ? " (it selected none)"
                                : " (it selected " + Printable.prefix(selected, 40) + ")")
                        + "; the device must answer tls-alpn-01 with its validation certificate");
            }
            return tls.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw failure(from, e, deadline);
        } catch (IllegalArgumentException e) { // the identifier is no valid SNI host name
            throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "cannot send SNI " + Printable.prefix(sni, 100)
                    + ": " + e.getMessage());
        }
    }

    private AcmeProblem failure(String from, IOException e, Deadline deadline) {
        if (deadline.expired() || e instanceof SocketTimeoutException) {
            return new AcmeProblem(AcmeError.CONNECTION, "no complete TLS handshake with " + from + " within "
                    + Timeouts.text(timeout));
        }
        if (e instanceof ConnectException) {
            return new AcmeProblem(AcmeError.CONNECTION, "could not connect to " + from + " (" + e.getMessage()
                    + "); is the device's ACME responder listening on port " + port + "?");
        }
        if (e instanceof SSLException) {
            return new AcmeProblem(AcmeError.TLS, "TLS handshake with " + from + " failed: " + e.getMessage());
        }
        return new AcmeProblem(AcmeError.CONNECTION, "error talking to " + from + ": " + e);
    }
}
