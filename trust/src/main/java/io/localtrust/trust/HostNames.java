package io.localtrust.trust;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * RFC 6125 §6 host name matching, as browsers do it: only subjectAltName counts (the CN is not
 * consulted, as in Chrome since 58); an IP literal matches only an iPAddress entry; a wildcard
 * only as the whole left-most label of a name with at least three labels ({@code *.example.com},
 * never {@code *.com}, {@code f*.example.com} or {@code foo.*.example.com}), covering one label.
 */
final class HostNames {
    private HostNames() {
    }

    static boolean matches(Node leaf, PeerName peer) {
        if (leaf.subjectAltNames == null) {
            return false;
        }
        for (GeneralName san : leaf.subjectAltNames.getNames()) {
            if (peer.address().isPresent()) {
                if (san.getTagNo() == GeneralName.iPAddress
                        && Arrays.equals(ASN1OctetString.getInstance(san.getName()).getOctets(), bytes(peer.address().get()))) {
                    return true;
                }
            } else if (san.getTagNo() == GeneralName.dNSName && san.getName() instanceof ASN1String s
                    && dnsMatches(s.getString(), peer.value())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(InetAddress address) {
        return address.getAddress();
    }

    /** One dNSName SAN against a lowercase host name. */
    static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || host.isEmpty() || !ascii(p)) {
            return false;
        }
        if (!p.contains("*")) {
            return p.equals(host);
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false;
        }
        String suffix = p.substring(1); // ".example.com"
        if (suffix.indexOf('.', 1) < 0) {
            return false; // *.com
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    /** Letters, digits, hyphens, dots and a leading wildcard label: what Chrome treats as a host-name CN. */
    static boolean looksLikeHostName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || (c == '*' && i == 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
