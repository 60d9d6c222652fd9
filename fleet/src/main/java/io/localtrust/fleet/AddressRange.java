package io.localtrust.fleet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback addresses a simulated fleet binds, one per device: {@code 127.0.10.1-254} (last
 * octet range) or {@code 127.0.10.1-127.0.11.20}. Loopback only: a simulated fleet carries shared
 * keys on purpose and must never be reachable from the network.
 *
 * @param addresses in order
 */
public record AddressRange(List<InetAddress> addresses) {
    /** More devices than this in one JVM are not a simulation this machine can hold. */
    public static final int MAX = 65_536;

    public AddressRange {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("an address range holds at least one address");
        }
    }

    /**
     * Parses {@code FIRST-LAST} where LAST is a last octet or a whole address.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    public static AddressRange parse(String text) {
        String t = text.trim();
        String[] parts = t.split("-", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not a range like 127.0.10.1-254");
        }
        long first = v4(parts[0], text);
        long last = parts.length == 1 ? first
                : parts[1].contains(".") ? v4(parts[1], text) : (first & ~0xffL) | octet(parts[1], text);
        if (last < first) {
            throw new IllegalArgumentException("'" + text + "': the range ends before it starts");
        }
        if ((first >>> 24) != 127 || (last >>> 24) != 127) {
            throw new IllegalArgumentException("'" + text + "' is not in 127.0.0.0/8: simulated devices listen on loopback only");
        }
        if (last - first + 1 > MAX) {
            throw new IllegalArgumentException("'" + text + "' holds more than " + MAX + " addresses");
        }
        List<InetAddress> out = new ArrayList<>();
        for (long a = first; a <= last; a++) {
            out.add(address(a));
        }
        return new AddressRange(out);
    }

    public int size() {
        return addresses.size();
    }

    private static long v4(String s, String whole) {
        String[] o = s.trim().split("\\.", -1);
        if (o.length != 4) {
            throw new IllegalArgumentException("'" + whole + "': '" + s + "' is not an IPv4 address");
        }
        long v = 0;
        for (String x : o) {
            v = (v << 8) | octet(x, whole);
        }
        return v;
    }

    private static int octet(String s, String whole) {
        if (!s.trim().matches("[0-9]{1,3}") || Integer.parseInt(s.trim()) > 255) {
            throw new IllegalArgumentException("'" + whole + "': '" + s + "' is not a number from 0 to 255");
        }
        return Integer.parseInt(s.trim());
    }

    private static InetAddress address(long v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an address", e);
        }
    }
}
