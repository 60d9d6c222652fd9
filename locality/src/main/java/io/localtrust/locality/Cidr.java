package io.localtrust.locality;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IP prefix such as {@code 192.168.0.0/16} or {@code fc00::/7}.
 *
 * @param network the prefix's first address (host bits are cleared on construction)
 * @param bits    the prefix length
 */
public record Cidr(InetAddress network, int bits) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int max = network.getAddress().length * 8;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix length " + bits + " out of range 0-" + max);
        }
        network = mask(network, bits);
    }

    /**
     * Parses {@code ADDRESS/BITS} or a bare address (a /32 or /128).
     *
     * @throws IllegalArgumentException with a message naming the bad text
     */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!InetAddresses.isInetAddress(addr)) {
            throw new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'");
        }
        InetAddress a = InetAddresses.forString(addr);
        int max = a.getAddress().length * 8;
        int bits;
        try {
            bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix length in '" + text + "' must be 0-" + max);
        }
        return new Cidr(a, bits);
    }

    public boolean contains(InetAddress address) {
        if (address.getAddress().length != network.getAddress().length) {
            return false;
        }
        return mask(address, bits).equals(network);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    public boolean isIpv6() {
        return network instanceof Inet6Address;
    }

    private static InetAddress mask(InetAddress address, int bits) {
        byte[] b = address.getAddress();
        byte[] out = Arrays.copyOf(b, b.length);
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return InetAddresses.toAddrString(network) + "/" + bits;
    }
}
