package io.localtrust.locality;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether an address or a host name is local (DESIGN.md §3, "Local connection").
 *
 * <p>An <em>address</em> is local when it lies in {@link IpRanges#LOCAL} or in an extra range
 * configured here. A <em>host name</em> is local when it is an IP literal of a local address, a
 * single label ({@code printer}), or ends in a local zone: {@code .local} (mDNS, RFC 6762),
 * {@code .home.arpa} (RFC 8375), {@code .internal} (ICANN's private-use TLD), {@code localhost}
 * (RFC 6761) or a configured zone. A connection is local when both hold.
 *
 * @param zones      local DNS zones, lowercase, without leading or trailing dots
 * @param extraRanges further address ranges to treat as local (an enterprise's routed space)
 */
public record Locality(Set<String> zones, List<Cidr> extraRanges) {

    /** The zones every installation treats as local. */
    public static final Set<String> DEFAULT_ZONES = Set.of("local", "home.arpa", "internal", "localhost");

    public Locality {
        Objects.requireNonNull(zones, "zones");
        Set<String> normalised = new TreeSet<>();
        for (String z : zones) {
            normalised.add(normaliseName(z));
        }
        zones = Set.copyOf(normalised);
        extraRanges = List.copyOf(extraRanges);
    }

    /** The default policy: {@link #DEFAULT_ZONES} and {@link IpRanges#LOCAL}. */
    public static Locality defaults() {
        return new Locality(DEFAULT_ZONES, List.of());
    }

    /** This policy plus one more local zone (a gateway's configured zone, say). */
    public Locality withZone(String zone) {
        Set<String> z = new TreeSet<>(zones);
        z.add(zone);
        return new Locality(z, extraRanges);
    }

    public boolean isLocalAddress(InetAddress address) {
        return IpRanges.anyContains(IpRanges.LOCAL, address) || IpRanges.anyContains(extraRanges, address);
    }

    /** Whether a host name (or IP literal) names something on the local network. */
    public boolean isLocalName(String host) {
        var literal = Addresses.literal(host);
        if (literal.isPresent()) {
            return isLocalAddress(literal.get());
        }
        String name = normaliseName(host);
        if (name.isEmpty()) {
            return false;
        }
        if (!name.contains(".")) {
            return true; // single label: resolved by the LAN's search domain, never in public DNS
        }
        for (String zone : zones) {
            if (name.equals(zone) || name.endsWith("." + zone)) {
                return true;
            }
        }
        return false;
    }

    /** Both the peer address and the name the user asked for are local. */
    public boolean isLocalConnection(String host, InetAddress peer) {
        return isLocalAddress(peer) && isLocalName(host);
    }

    static String normaliseName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        return n;
    }
}
