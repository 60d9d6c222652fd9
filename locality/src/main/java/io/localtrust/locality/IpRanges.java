package io.localtrust.locality;

import java.net.InetAddress;
import java.util.List;

/**
 * The address ranges localtrust names. Lists are public and immutable.
 */
public final class IpRanges {
    private IpRanges() {
    }

    /**
     * Local-network ranges (DESIGN.md §3): loopback, RFC 1918, link-local, ULA. An address in one
     * of these is "local" for the trust engine, the ACME validator and the scanner.
     */
    public static final List<Cidr> LOCAL = cidrs(
            "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "::1/128", "fc00::/7", "fe80::/10");

    /**
     * IANA special-purpose ranges that are not globally reachable (RFC 6890 registries as used by
     * the CA/B Forum's "Reserved IP Address", BR §1.6.1): a publicly trusted certificate must
     * not name them.
     */
    public static final List<Cidr> RESERVED = cidrs(
            // IPv4 special-purpose registry, entries with "Globally Reachable = False" and multicast/reserved
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
            // IPv6: everything outside 2000::/3 is reserved; within it the special-purpose blocks
            "::/3", "4000::/2", "8000::/1",
            "2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20", "5f00::/16");

    static List<Cidr> cidrs(String... texts) {
        return java.util.Arrays.stream(texts).map(Cidr::parse).toList();
    }

    /** Whether any range in the list contains the address (IPv4-mapped IPv6 counts as IPv4). */
    public static boolean anyContains(List<Cidr> ranges, InetAddress address) {
        InetAddress a = Addresses.unmapped(address);
        for (Cidr c : ranges) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
