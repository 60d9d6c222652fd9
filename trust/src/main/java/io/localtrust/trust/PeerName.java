package io.localtrust.trust;

import io.localtrust.locality.Addresses;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The name the client asked for: a DNS host name or an IP literal (RFC 6125 §6: an IP literal
 * is matched only against iPAddress SANs, never against a dNSName or the CN).
 *
 * @param value   the host name, lowercase without a trailing dot, or the IP literal as given
 * @param address the address, when the name is an IP literal
 */
public record PeerName(String value, Optional<InetAddress> address) {

    public PeerName {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(address, "address");
    }

    /** A host name or IP literal (IPv6 with or without brackets). */
    public static PeerName of(String host) {
        Objects.requireNonNull(host, "host");
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        Optional<InetAddress> literal = Addresses.literal(h);
        if (literal.isPresent()) {
            return new PeerName(h, literal);
        }
        String name = h.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return new PeerName(name, Optional.empty());
    }

    public boolean isAddress() {
        return address.isPresent();
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Whether {@code leaf} names this peer (RFC 6125 §6 as browsers match, the same rule path
     * validation applies): for a rung that trusts a key without a path to an anchor, such as an
     * attestation, which must still be for the host the user asked for.
     */
    public boolean namedBy(io.localtrust.x509.Cert leaf) {
        return HostNames.matches(Node.of(leaf), this);
    }
}
