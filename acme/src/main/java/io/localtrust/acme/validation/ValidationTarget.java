package io.localtrust.acme.validation;

import io.localtrust.locality.Addresses;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Where and what to validate: the identifier as ordered, and the address the server decided to
 * connect to. The validators never resolve the identifier; they connect to {@code address}.
 *
 * <p>An {@code ip} identifier is an IP literal and its address is that same IP (RFC 8738 §3: the
 * server connects to the address in the identifier). A {@code dns} identifier is a name, never an
 * IP literal, made of visible ASCII only (it becomes a {@code Host} header and an SNI name).
 *
 * @param type       the identifier type
 * @param identifier the identifier's value as ordered (a name, or an IP literal)
 * @param address    the address to connect to
 */
public record ValidationTarget(IdentifierType type, String identifier, InetAddress address) {

    public ValidationTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(address, "address");
        var literal = Addresses.literal(identifier);
        if (type == IdentifierType.IP) {
            InetAddress ip = literal.orElseThrow(
                    () -> new IllegalArgumentException("an ip identifier must be an IP literal: '" + identifier + "'"));
            if (!Addresses.unmapped(ip).equals(Addresses.unmapped(address))) {
                throw new IllegalArgumentException("an ip identifier is validated at its own address (RFC 8738 §3): "
                        + identifier + " is not " + Addresses.text(address));
            }
        } else {
            if (literal.isPresent()) {
                throw new IllegalArgumentException("a dns identifier must be a name, not the IP literal '" + identifier + "'");
            }
            if (identifier.isEmpty() || !identifier.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("a dns identifier must be non-empty visible ASCII: '" + identifier + "'");
            }
        }
    }

    /** A {@code dns} identifier validated at {@code address}. */
    public static ValidationTarget dns(String name, InetAddress address) {
        return new ValidationTarget(IdentifierType.DNS, name, address);
    }

    /** An {@code ip} identifier, validated at its own address. */
    public static ValidationTarget ip(InetAddress address) {
        return new ValidationTarget(IdentifierType.IP, Addresses.text(Addresses.unmapped(address)), address);
    }

    /**
     * The identifier as a URL host or {@code Host} header value: the name, or the address literal
     * (IPv6 in brackets, RFC 3986 §3.2.2).
     */
    String hostText() {
        if (type == IdentifierType.IP && Addresses.unmapped(address) instanceof java.net.Inet6Address) {
            return "[" + identifier + "]";
        }
        return identifier;
    }

    /** Whether a host name (from a redirect, say) is this identifier: ASCII case and a final dot ignored. */
    boolean isIdentifier(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String i = identifier.endsWith(".") ? identifier.substring(0, identifier.length() - 1) : identifier;
        return type == IdentifierType.DNS && h.equalsIgnoreCase(i);
    }
}
