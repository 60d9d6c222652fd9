package io.localtrust.practice.observe;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One port of a device.
 *
 * @param port             the TCP port; empty for a file
 * @param scheme           HTTP, HTTPS or FILE
 * @param tls              the TLS observation for HTTPS and FILE endpoints that answered
 * @param redirectsToHttps for HTTP endpoints: whether the response redirected to https://
 * @param error            why the endpoint gave nothing usable (timeout, handshake failure)
 */
public record EndpointObservation(OptionalInt port, Scheme scheme, Optional<TlsObservation> tls,
                                  Optional<Boolean> redirectsToHttps, Optional<String> error) {

    public EndpointObservation {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(redirectsToHttps, "redirectsToHttps");
        Objects.requireNonNull(error, "error");
        if (scheme == Scheme.HTTP && tls.isPresent()) {
            throw new IllegalArgumentException("an HTTP endpoint has no TLS observation");
        }
    }

    public static EndpointObservation file(TlsObservation tls) {
        return new EndpointObservation(OptionalInt.empty(), Scheme.FILE, Optional.of(tls), Optional.empty(), Optional.empty());
    }

    public static EndpointObservation https(int port, TlsObservation tls) {
        return new EndpointObservation(OptionalInt.of(port), Scheme.HTTPS, Optional.of(tls), Optional.empty(), Optional.empty());
    }

    public static EndpointObservation http(int port, boolean redirectsToHttps) {
        return new EndpointObservation(OptionalInt.of(port), Scheme.HTTP, Optional.empty(),
                Optional.of(redirectsToHttps), Optional.empty());
    }

    /** Whether the endpoint answered at all (an HTTP response or a TLS chain). */
    public boolean answered() {
        return error.isEmpty() && (tls.isPresent() || redirectsToHttps.isPresent());
    }
}
