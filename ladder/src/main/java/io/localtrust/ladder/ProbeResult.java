package io.localtrust.ladder;

import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Prober} found at a URL.
 *
 * @param url      the URL probed
 * @param address  the address connected to, when a connection was made
 * @param protocol the TLS version negotiated, when a handshake completed
 * @param decision the ladder's decision; {@code REJECTED} with the reason when no handshake completed
 */
public record ProbeResult(URI url, Optional<InetAddress> address, Optional<String> protocol, Decision decision) {
    public ProbeResult {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(decision, "decision");
    }
}
