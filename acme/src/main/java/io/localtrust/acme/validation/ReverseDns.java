package io.localtrust.acme.validation;

import io.localtrust.locality.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The reverse-mapping name of an address (RFC 1035 §3.5 {@code in-addr.arpa}, RFC 3596 §2.5
 * {@code ip6.arpa}): the SNI a tls-alpn-01 validation of an ip identifier sends (RFC 8738 §6).
 */
final class ReverseDns {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ReverseDns() {
    }

    /** {@code 4.3.2.1.in-addr.arpa} for 1.2.3.4; 32 reversed nibbles and {@code ip6.arpa} for IPv6. */
    static String name(InetAddress address) {
        InetAddress a = Addresses.unmapped(address);
        byte[] b = a.getAddress();
        StringBuilder sb = new StringBuilder();
        if (a instanceof Inet4Address) {
            for (int i = b.length - 1; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = b.length - 1; i >= 0; i--) {
            sb.append(HEX[b[i] & 0xf]).append('.').append(HEX[(b[i] >> 4) & 0xf]).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }
}
