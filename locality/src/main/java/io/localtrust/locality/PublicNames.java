package io.localtrust.locality;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * Whether a DNS name can exist in the public DNS: the CA/B Forum's "Internal Name" test
 * (BR §1.6.1: a name that does not end in a TLD registered in the IANA root zone). The TLD list
 * is the ICANN section of the Public Suffix List bundled with Guava.
 */
public final class PublicNames {
    private PublicNames() {
    }

    /** The name's right-most label is a TLD of the public DNS root ({@code com}, {@code arpa}, {@code uk}). */
    public static boolean hasPublicTld(String name) {
        String n = Locality.normaliseName(name);
        if (n.startsWith("*.")) {
            n = n.substring(2);
        }
        int dot = n.lastIndexOf('.');
        String tld = dot < 0 ? n : n.substring(dot + 1);
        if (tld.isEmpty()) {
            return false;
        }
        try {
            InternetDomainName d = InternetDomainName.from(tld.toLowerCase(Locale.ROOT));
            return d.isPublicSuffix() && d.isRegistrySuffix();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An internal name: not under a public TLD, or under a zone reserved for local use
     * ({@code home.arpa}, {@code local}, {@code internal}, {@code localhost}) — names no public
     * CA may certify and every LAN may reuse.
     */
    public static boolean isInternal(String name) {
        String n = Locality.normaliseName(name);
        if (!hasPublicTld(n)) {
            return true;
        }
        for (String zone : Locality.DEFAULT_ZONES) {
            if (n.equals(zone) || n.endsWith("." + zone)) {
                return true;
            }
        }
        return false;
    }
}
