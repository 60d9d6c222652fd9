package io.localtrust.names.dns;

import io.localtrust.locality.Locality;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Method 1 (DESIGN.md §1b): the address a name's first label carries. Eight hex digits are an
 * IPv4 address ({@code c0a80114} = 192.168.1.20), thirty-two an IPv6 address, four decimal octets
 * joined by dashes an IPv4 address ({@code 192-168-1-20}, as plex.direct writes them). Only local
 * addresses (private, ULA, link-local, loopback: module locality) are answered, so a name under
 * the zone never points at someone else's public address.
 */
public final class EmbeddedAddress {
    private static final HexFormat HEX = HexFormat.of();
    private final Locality locality;

    public EmbeddedAddress(Locality locality) {
        this.locality = locality;
    }

    /** The local address {@code label} embeds; empty if it embeds none, or a public one. */
    public Optional<InetAddress> parse(String label) {
        byte[] bytes = bytes(label);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            InetAddress a = InetAddress.getByAddress(bytes);
            return locality.isLocalAddress(a) ? Optional.of(a) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The label for {@code address}: 8 or 32 lowercase hex digits. */
    public static String label(InetAddress address) {
        return HEX.formatHex(address.getAddress());
    }

    /** Whether {@code address} may be embedded (is local). */
    public boolean allows(InetAddress address) {
        return locality.isLocalAddress(address);
    }

    private static byte[] bytes(String label) {
        if ((label.length() == 8 || label.length() == 32) && label.chars().allMatch(EmbeddedAddress::isHex)) {
            return HEX.parseHex(label);
        }
        String[] parts = label.split("-", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /** Whether the address is IPv4 (an A record) rather than IPv6 (AAAA). */
    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
