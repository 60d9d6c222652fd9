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

    /**
     * A string equal for two names exactly when {@link #equal} holds: each RDN's attributes as
     * type OID and canonical value (case-folded, spaces collapsed), so path building compares names
     * once per certificate instead of once per pair.
     */
    static String key(X500Name name) {
        StringBuilder s = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            s.append('/');
            java.util.List<String> atvs = new java.util.ArrayList<>();
            for (org.bouncycastle.asn1.x500.AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                atvs.add(atv.getType().getId() + "=" + IETFUtils.canonicalString(atv.getValue()).replace("/", "//"));
            }
            java.util.Collections.sort(atvs);
            s.append(String.join("+", atvs));
        }
        return s.toString();
    }

    static boolean equal(X500Name a, X500Name b) {
        if (a == b || a.toASN1Primitive().equals(b.toASN1Primitive())) {
            return true; // the same encoding: the same RDNs in the same order
        }
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
