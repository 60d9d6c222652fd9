package io.localtrust.trust;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * RFC 5280 §7.1 name comparison: the same RDNs in the same order, attribute values compared
 * after case folding and whitespace normalisation. Bouncy Castle's {@code X500Name.equals} also
 * accepts the RDNs in reverse order, which PKITS 4.3.2 shows is wrong for path validation.
 */
final class Names {
    private Names() {
    }

    static boolean equal(X500Name a, X500Name b) {
        RDN[] x = a.getRDNs();
        RDN[] y = b.getRDNs();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!IETFUtils.rDNAreEqual(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }
}
