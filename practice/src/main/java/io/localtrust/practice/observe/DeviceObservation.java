package io.localtrust.practice.observe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything observed of one device: all endpoints of one address (or one file).
 *
 * @param address    the device's IP address, when observed on the network
 * @param source     where the observation came from ("192.168.1.20", "printer.pem")
 * @param observedAt when; validity is judged at this instant
 * @param endpoints  in probe order
 */
public record DeviceObservation(Optional<String> address, String source, Instant observedAt,
                                List<EndpointObservation> endpoints) {
    public DeviceObservation {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        endpoints = List.copyOf(endpoints);
    }

    /** The TLS observations among the endpoints, in order. */
    public List<TlsObservation> tlsObservations() {
        return endpoints.stream().flatMap(e -> e.tls().stream()).toList();
    }
}
