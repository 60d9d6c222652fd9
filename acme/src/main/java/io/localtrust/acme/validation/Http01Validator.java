package io.localtrust.acme.validation;

import io.localtrust.acme.Printable;
import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The http-01 challenge (RFC 8555 §8.3): {@code GET http://<identifier>/.well-known/acme-challenge/<token>}
 * must answer 200 with the key authorization.
 *
 * <p>The validator connects to {@link ValidationTarget#address()} — never resolving the
 * identifier — on the configured port (80 in RFC 8555; another for tests and odd LANs), sending
 * {@code Host: <identifier>} (for an ip identifier the address literal, IPv6 in brackets). It
 * speaks HTTP/1.1 over a plain socket ({@link HttpGet} says why not {@code HttpClient}).
 *
 * <p>The answer passes when the status is 200 and the body, with trailing spaces, tabs, CRs and
 * LFs removed (as Boulder), equals the key authorization — compared in constant time. The body is
 * read up to {@value #MAX_BODY} bytes; more is an {@code incorrectResponse}. Any other final
 * status is {@code unauthorized}, with the status in the detail.
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed at most {@value Redirects#MAX} times, only
 * to http or https on the standard or configured ports, and only to local addresses: a redirect's
 * host must be a local IP literal, or the identifier itself, which is reached at the target's
 * address; the gateway resolves no names ({@link Redirects}). An https hop's certificate is not
 * checked (RFC 8555 §8.3: the body is the proof). Every address is checked by {@link LocalOnly}
 * before a socket is opened. {@code totalTimeout} bounds the whole validation, redirects included;
 * {@code connectTimeout} each connection attempt.
 */
public final class Http01Validator implements ChallengeValidator {
    /** The largest body read: a key authorization is about 87 bytes. */
    public static final int MAX_BODY = 8 * 1024;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+"); // base64url, RFC 8555 §8.3

    private final LocalOnly guard;
    private final int port;
    private final int httpsPort;
    private final Duration connectTimeout;
    private final Duration totalTimeout;

    /** Validates on {@code port} with the default guard ({@link LocalOnly#lan()}). */
    public Http01Validator(int port, Duration connectTimeout, Duration totalTimeout) {
        this(LocalOnly.lan(), port, 443, connectTimeout, totalTimeout);
    }

    /** Validates on {@code port}, connecting only where {@code guard} allows. */
    public Http01Validator(LocalOnly guard, int port, Duration connectTimeout, Duration totalTimeout) {
        this(guard, port, 443, connectTimeout, totalTimeout);
    }

    Http01Validator(LocalOnly guard, int port, int httpsPort, Duration connectTimeout, Duration totalTimeout) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.port = requirePort(port);
        this.httpsPort = requirePort(httpsPort);
        this.connectTimeout = Timeouts.requirePositive(connectTimeout, "connectTimeout");
        this.totalTimeout = Timeouts.requirePositive(totalTimeout, "totalTimeout");
    }

    @Override
    public String type() {
        return "http-01";
    }

    @Override
    public void validate(ValidationTarget target, String token, String keyAuthorization) throws AcmeProblem {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a challenge token is base64url: '" + token + "'");
        }
        guard.requireLocal(target.address());
        Hop hop;
        try {
            hop = Hop.first(target, port, token);
        } catch (IllegalArgumentException e) {
            throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "the identifier " + Printable.prefix(target.identifier(), 100)
                    + " cannot be put in an http-01 URL");
        }
        Redirects redirects = new Redirects(target, guard, port, httpsPort);
        try (Deadline deadline = Deadline.after(totalTimeout)) {
            for (int followed = 0; ; followed++) {
                HttpGet.Response response = fetch(hop, deadline);
                if (!Redirects.isRedirect(response.status())) {
                    check(hop, response, token, keyAuthorization);
                    return;
                }
                if (followed == Redirects.MAX) {
                    throw new AcmeProblem(AcmeError.CONNECTION, "more than " + Redirects.MAX
                            + " redirects; the last from " + hop.describe());
                }
                Hop from = hop;
                String location = response.location().orElseThrow(() -> new AcmeProblem(AcmeError.INCORRECT_RESPONSE,
                        from.describe() + " answered HTTP " + response.status() + " without a Location header"));
                hop = redirects.next(hop, location);
            }
        }
    }

    private HttpGet.Response fetch(Hop hop, Deadline deadline) throws AcmeProblem {
        Duration left = deadline.remaining();
        if (left.isZero()) {
            throw timedOut(hop);
        }
        Duration connect = connectTimeout.compareTo(left) < 0 ? connectTimeout : left;
        try (Socket socket = guard.connect(hop.address(), hop.port(), connect)) {
            deadline.watch(socket);
            Socket io = socket;
            if (hop.https()) {
                SSLSocket tls = AcceptAnyCertificate.layer(socket, hop.sni(), List.of("http/1.1"));
                tls.startHandshake();
                io = tls;
            }
            return HttpGet.get(io, hop.hostHeader(), hop.target(), MAX_BODY);
        } catch (IOException e) {
            throw failure(hop, connect, e, deadline);
        } catch (IllegalArgumentException e) { // a redirect's host that is no valid SNI name
            throw new AcmeProblem(AcmeError.CONNECTION, "cannot request " + hop.describe() + ": " + e.getMessage());
        }
    }

    private AcmeProblem failure(Hop hop, Duration connect, IOException e, Deadline deadline) {
        if (deadline.expired()) {
            return timedOut(hop);
        }
        String at = hop.describe();
        if (e instanceof SocketTimeoutException) {
            return new AcmeProblem(AcmeError.CONNECTION, "timed out after " + Timeouts.text(connect)
                    + " connecting to " + hop.endpoint() + " for " + at);
        }
        if (e instanceof ConnectException) {
            return new AcmeProblem(AcmeError.CONNECTION, "could not connect to " + hop.endpoint() + " for " + at
                    + " (" + e.getMessage() + "); is the device's web server listening on port " + hop.port() + "?");
        }
        if (e instanceof ProtocolException) {
            return new AcmeProblem(AcmeError.INCORRECT_RESPONSE, at + " did not answer with valid HTTP: " + e.getMessage());
        }
        if (e instanceof SSLException) {
            return new AcmeProblem(AcmeError.TLS, "TLS with " + hop.endpoint() + " failed for " + at + ": " + e.getMessage());
        }
        return new AcmeProblem(AcmeError.CONNECTION, "error talking to " + hop.endpoint() + " for " + at + ": " + e);
    }

    private AcmeProblem timedOut(Hop hop) {
        return new AcmeProblem(AcmeError.CONNECTION, "no complete answer within " + Timeouts.text(totalTimeout)
                + " (redirects included), last from " + hop.describe());
    }

    private static void check(Hop hop, HttpGet.Response response, String token, String keyAuthorization) throws AcmeProblem {
        if (response.status() != 200) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, hop.describe() + " answered HTTP " + response.status()
                    + ", not 200 with the key authorization; serve it at " + Hop.WELL_KNOWN + token);
        }
        if (response.tooLarge()) {
            throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "the body of " + hop.describe() + " is larger than "
                    + MAX_BODY + " bytes; it must hold only the key authorization");
        }
        byte[] body = response.body();
        if (!KeyAuthorization.matchesBody(keyAuthorization, body)) {
            throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "the body of " + hop.describe()
                    + " is not this challenge's key authorization (it began \"" + Printable.prefix(body, 64) + "\")");
        }
    }

    private static int requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        return port;
    }
}
