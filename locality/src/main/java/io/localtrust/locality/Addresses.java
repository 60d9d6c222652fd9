package io.localtrust.locality;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/** IP literal parsing that never touches DNS. */
public final class Addresses {
    private Addresses() {
    }

    /** The address of an IP literal ({@code 10.0.0.1}, {@code fd00::1}, {@code [fd00::1]}); empty for a name. */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0 && t.contains(":")) {
            t = t.substring(0, zone);
        }
        return InetAddresses.isInetAddress(t) ? Optional.of(InetAddresses.forString(t)) : Optional.empty();
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) as its IPv4 address; others unchanged. */
    public static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    /** Canonical text (RFC 5952 for IPv6). */
    public static String text(InetAddress address) {
        return InetAddresses.toAddrString(address);
    }
}
