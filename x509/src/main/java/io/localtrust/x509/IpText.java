package io.localtrust.x509;

import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.util.IPAddress;

/** Canonical text for IP addresses: dotted quad, or RFC 5952 compressed IPv6 (mixed notation for IPv4-mapped). */
public final class IpText {
    private IpText() {
    }

    /** Text for 4 or 16 raw address bytes; empty for any other length. */
    public static Optional<String> of(byte[] raw) {
        if (raw.length == 4) {
            return Optional.of((raw[0] & 0xff) + "." + (raw[1] & 0xff) + "." + (raw[2] & 0xff) + "." + (raw[3] & 0xff));
        }
        if (raw.length != 16) {
            return Optional.empty();
        }
        if (isIpv4Mapped(raw)) {
            // RFC 5952 §5: mixed notation for IPv4-mapped addresses (::ffff:192.0.2.1)
            return Optional.of("::ffff:" + of(java.util.Arrays.copyOfRange(raw, 12, 16)).orElseThrow());
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((raw[2 * i] & 0xff) << 8) | (raw[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return Optional.of(sb.toString().toLowerCase(Locale.ROOT));
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }

    /** Whether a string is an IPv4 or IPv6 literal (no brackets, no zone). */
    public static boolean isLiteral(String s) {
        return IPAddress.isValidIPv4(s) || IPAddress.isValidIPv6(s);
    }
}
