package io.localtrust.scanner;

import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.Scheme;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Probes one address and port: TLS first, except on the usual plain-HTTP ports, then the other
 * scheme when the first one got a foreign answer, a closed connection or — after a ClientHello —
 * silence (an admin page on 8443 may well be plain HTTP; some HTTP servers hang up on a
 * ClientHello, others wait forever for the end of a request line that never comes). A port that
 * stalled on a plain GET is not asked again. A port that refuses or never completes the connect is
 * no endpoint at all; one that accepts and then stalls, resets or sends garbage is an endpoint
 * with an error.
 */
final class PortProbe {
    /** Ports where plain HTTP is the first guess. */
    static final Set<Integer> HTTP_FIRST = Set.of(80, 8000, 8008, 8080, 8888);

    private final TlsProbe tls;
    private final HttpProbe http;
    private final RateLimit rate;

    PortProbe(Connections connections, RateLimit rate) {
        this.tls = new TlsProbe(connections);
        this.http = new HttpProbe(connections);
        this.rate = rate;
    }

    /** The endpoint seen at {@code to}, or empty when nothing listens there. */
    Optional<EndpointObservation> probe(InetSocketAddress to, Optional<String> name, long scanDeadline) {
        boolean httpFirst = HTTP_FIRST.contains(to.getPort());
        Scheme first = httpFirst ? Scheme.HTTP : Scheme.HTTPS;
        rate.acquire();
        Attempt a = httpFirst ? http.probe(to, name, scanDeadline) : tls(to, name, scanDeadline);
        if (a instanceof Attempt.OtherProtocol || a instanceof Attempt.Failed f && (!f.stalled() || !httpFirst)) {
            rate.acquire();
            Attempt b = httpFirst ? tls(to, name, scanDeadline) : http.probe(to, name, scanDeadline);
            if (a instanceof Attempt.OtherProtocol one && b instanceof Attempt.OtherProtocol two) {
                return Optional.of(error(to.getPort(), first, one.what() + "; " + two.what().replace("answered, but ", "")
                        + " either"));
            }
            if (b instanceof Attempt.Seen || a instanceof Attempt.OtherProtocol && b instanceof Attempt.Failed) {
                a = b;
                first = httpFirst ? Scheme.HTTPS : Scheme.HTTP;
            }
        }
        return switch (a) {
            case Attempt.Closed c -> Optional.empty();
            case Attempt.Seen s -> Optional.of(s.endpoint());
            case Attempt.Failed f -> Optional.of(error(to.getPort(), first, f.error()));
            case Attempt.OtherProtocol o -> Optional.of(error(to.getPort(), first, o.what()));
            case Attempt.Refused r -> Optional.of(error(to.getPort(), first, r.error()));
        };
    }

    /** TLS 1.2 first; TLS 1.3 on a new connection when the device refused 1.2. */
    private Attempt tls(InetSocketAddress to, Optional<String> name, long scanDeadline) {
        Attempt a = tls.probe(to, name, scanDeadline);
        if (a instanceof Attempt.Refused) {
            rate.acquire();
            Attempt b = tls.probeTls13(to, name, scanDeadline);
            return b instanceof Attempt.Closed ? a : b;
        }
        return a;
    }

    private static EndpointObservation error(int port, Scheme scheme, String error) {
        return new EndpointObservation(OptionalInt.of(port), scheme, Optional.empty(), Optional.empty(), Optional.of(error));
    }
}
