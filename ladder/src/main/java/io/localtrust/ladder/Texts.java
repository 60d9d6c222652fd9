package io.localtrust.ladder;

import io.localtrust.practice.Practice;
import io.localtrust.x509.Cert;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The short sentences a browser could show for each verdict: plain words, the names that matter. */
final class Texts {
    private static final Pattern ORG = Pattern.compile("(?:^|,)\\s*O=((?:\\\\,|[^,])+)");
    private static final int MAX_OWNERS = 1_024;
    /** By certificate (DER equality): the name depends on the subject alone. */
    private static final Map<Cert, String> OWNERS = new ConcurrentHashMap<>();

    private Texts() {
    }

    static String trustedPublic(String host, Cert anchor) {
        return "'" + host + "', certified by public authority '" + owner(anchor) + "'";
    }

    static String trustedLocal(String host, Cert anchor) {
        return "Local device '" + host + "', certified by your gateway '" + owner(anchor) + "'";
    }

    static String trustedVendor(String host, Cert anchor) {
        return "Genuine device of '" + owner(anchor) + "' at '" + host
                + "' on your network; who owns it is not verified";
    }

    static String trustedAttested(String host, Cert anchor) {
        return "Device at '" + host + "' on your network, its key attested by '" + owner(anchor)
                + "'; who owns it is not verified";
    }

    static String pinned(String host, Pin pin, boolean firstUse) {
        return firstUse
                ? "First visit to '" + host + "': its key is now remembered; no one vouches for it, so check you "
                        + "are on your own network"
                : "Same device as on your first visit to '" + host + "' (" + day(pin) + "); no one else vouches for it";
    }

    static String keyChanged(String host, Pin pin) {
        return "WARNING: the key of '" + host + "' has changed since " + day(pin) + ". Someone may be impersonating "
                + "this device, or it was reset. The remembered key was kept";
    }

    static String warning(Practice practice, Cert leaf, String issuer) {
        return switch (practice) {
            case NU_SS -> "This certificate is shared by every device with this firmware: anyone who has one can "
                    + "impersonate this page";
            case NU_US -> "This certificate and its key ship in every unit of this product: anyone who has one can "
                    + "impersonate this page";
            case U_SS -> "No one vouches for this device's certificate ('" + leaf.label()
                    + "'): an impostor's would look the same";
            default -> "Certified by '" + issuer + "', which you do not trust for this connection: an impostor's "
                    + "certificate could look the same";
        };
    }

    static String rejected(String why) {
        return "Blocked: " + why;
    }

    /**
     * The anchor's organization (O=), else its label; worked out once per certificate (a path ends in one of
     * the few configured anchors, so the same name is asked for on every decision).
     */
    static String owner(Cert anchor) {
        String known = OWNERS.get(anchor);
        if (known != null) {
            return known;
        }
        Matcher m = ORG.matcher(anchor.subject());
        String owner = m.find() ? m.group(1).replace("\\,", ",").trim() : anchor.label();
        if (OWNERS.size() >= MAX_OWNERS) {
            OWNERS.clear();
        }
        OWNERS.put(anchor, owner);
        return owner;
    }

    private static String day(Pin pin) {
        return LocalDate.ofInstant(pin.firstSeen(), ZoneOffset.UTC).toString();
    }
}
