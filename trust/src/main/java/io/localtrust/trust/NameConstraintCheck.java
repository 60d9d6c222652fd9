package io.localtrust.trust;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * RFC 5280 §4.2.1.10 / §6.1.3 (b)–(c): whether a certificate's names fall inside one
 * nameConstraints extension. Each constraining certificate (the anchor included) is checked on
 * its own, which is the same as checking the intersection of all of them (Chrome does this too).
 *
 * <p>Names checked: the subject DN (directoryName), emailAddress attributes (rfc822Name), every
 * subjectAltName, and — for a leaf without subjectAltName, as Chrome does — a subject CN that
 * looks like a host name (dNSName) or is an IP literal (iPAddress). A name of a type we cannot
 * compare (otherName, x400Address, …) under constraints of that type fails closed.
 */
final class NameConstraintCheck {

    /** A counter shared by one path's checks, bounding the work a hostile chain can cause. */
    static final class Budget {
        private long left;

        Budget(long left) {
            this.left = left;
        }

        void spend(long n) throws NameConstraintException {
            left -= n;
            if (left < 0) {
                throw new NameConstraintException("too many name constraint checks");
            }
        }
    }

    static final class NameConstraintException extends Exception {
        NameConstraintException(String message) {
            super(message);
        }
    }

    private NameConstraintCheck() {
    }

    /** Validates the constraint itself: subtrees with minimum 0 and no maximum, well-formed IP masks. */
    static Optional<String> malformed(NameConstraints nc) {
        for (GeneralSubtree[] trees : new GeneralSubtree[][] {nc.getPermittedSubtrees(), nc.getExcludedSubtrees()}) {
            if (trees == null) {
                continue;
            }
            for (GeneralSubtree t : trees) {
                if ((t.getMinimum() != null && t.getMinimum().signum() != 0) || t.getMaximum() != null) {
                    return Optional.of("name constraint with minimum or maximum (RFC 5280 §4.2.1.10)");
                }
                if (t.getBase().getTagNo() == GeneralName.iPAddress) {
                    byte[] b = ASN1OctetString.getInstance(t.getBase().getName()).getOctets();
                    if ((b.length != 8 && b.length != 32) || !contiguous(b, b.length / 2)) {
                        return Optional.of("iPAddress name constraint is not an address and a contiguous mask");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Throws when any of the names is outside the constraint. */
    static void check(NameConstraints nc, Node node, boolean leaf, Budget budget) throws NameConstraintException {
        List<GeneralName> names = namesOf(node, leaf);
        GeneralSubtree[] permitted = nc.getPermittedSubtrees();
        GeneralSubtree[] excluded = nc.getExcludedSubtrees();
        budget.spend(comparisons(names, permitted) + comparisons(names, excluded));
        for (GeneralName name : names) {
            int type = name.getTagNo();
            if (excluded != null) {
                for (GeneralSubtree t : excluded) {
                    if (t.getBase().getTagNo() == type && matches(t.getBase(), name, true)) {
                        throw new NameConstraintException("'" + text(name) + "' is in an excluded subtree ("
                                + text(t.getBase()) + ")");
                    }
                }
            }
            if (permitted != null) {
                boolean constrained = false;
                boolean inside = false;
                for (GeneralSubtree t : permitted) {
                    if (t.getBase().getTagNo() == type) {
                        constrained = true;
                        if (matches(t.getBase(), name, false)) {
                            inside = true;
                            break;
                        }
                    }
                }
                if (constrained && !inside) {
                    throw new NameConstraintException("'" + text(name) + "' is outside the permitted subtrees");
                }
            }
        }
    }

    /** Name-by-subtree comparisons of the same type: what checking costs. */
    private static long comparisons(List<GeneralName> names, GeneralSubtree[] trees) {
        if (trees == null) {
            return 0;
        }
        long[] perType = new long[9];
        for (GeneralSubtree t : trees) {
            perType[t.getBase().getTagNo()]++;
        }
        long total = 0;
        for (GeneralName n : names) {
            total += perType[n.getTagNo()];
        }
        return total;
    }

    private static List<GeneralName> namesOf(Node node, boolean leaf) {
        List<GeneralName> names = new ArrayList<>();
        if (node.subject.getRDNs().length > 0) {
            names.add(new GeneralName(node.subject));
        }
        for (RDN rdn : node.subject.getRDNs(BCStyle.EmailAddress)) {
            String email = IETFUtils.valueToString(rdn.getFirst().getValue());
            names.add(new GeneralName(GeneralName.rfc822Name, email));
        }
        if (node.subjectAltNames != null) {
            names.addAll(List.of(node.subjectAltNames.getNames()));
        } else if (leaf) {
            for (RDN rdn : node.subject.getRDNs(BCStyle.CN)) {
                if (rdn.getFirst().getValue() instanceof ASN1String s) {
                    String cn = s.getString();
                    if (io.localtrust.locality.Addresses.literal(cn).isPresent()) {
                        names.add(new GeneralName(GeneralName.iPAddress, cn));
                    } else if (HostNames.looksLikeHostName(cn)) {
                        names.add(new GeneralName(GeneralName.dNSName, cn));
                    }
                }
            }
        }
        return names;
    }

    private static boolean matches(GeneralName base, GeneralName name, boolean excluded) throws NameConstraintException {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> dnsMatches(string(base), string(name), excluded);
            case GeneralName.iPAddress -> ipMatches(octets(base), octets(name));
            case GeneralName.directoryName -> dnMatches(X500Name.getInstance(base.getName()),
                    X500Name.getInstance(name.getName()));
            case GeneralName.rfc822Name -> emailMatches(string(base), string(name));
            case GeneralName.uniformResourceIdentifier -> uriMatches(string(base), string(name));
            default -> throw new NameConstraintException("name constraint of unsupported type " + name.getTagNo());
        };
    }

    static boolean dnsMatches(String constraint, String name, boolean excluded) {
        String c = lower(constraint);
        String n = lower(name);
        if (c.endsWith(".")) {
            c = c.substring(0, c.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (c.isEmpty()) {
            return true;
        }
        if (c.startsWith(".")) {
            if (n.endsWith(c)) {
                return true;
            }
        } else if (n.equals(c) || n.endsWith("." + c)) {
            return true;
        }
        // A wildcard may stand for a name inside an excluded subtree: *.example.com covers foo.example.com.
        if (excluded && n.startsWith("*.")) {
            String base = n.substring(1); // ".example.com"
            String cc = c.startsWith(".") ? c.substring(1) : c;
            return cc.endsWith(base) && cc.length() > base.length()
                    && cc.substring(0, cc.length() - base.length()).indexOf('.') < 0;
        }
        return false;
    }

    static boolean ipMatches(byte[] constraint, byte[] address) {
        int len = constraint.length / 2;
        if (address.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int mask = constraint[len + i] & 0xff;
            if (((address[i] & 0xff) & mask) != ((constraint[i] & 0xff) & mask)) {
                return false;
            }
        }
        return true;
    }

    static boolean dnMatches(X500Name constraint, X500Name name) {
        RDN[] c = constraint.getRDNs();
        RDN[] n = name.getRDNs();
        if (c.length > n.length) {
            return false;
        }
        for (int i = 0; i < c.length; i++) {
            if (!IETFUtils.rDNAreEqual(c[i], n[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean emailMatches(String constraint, String email) {
        String c = constraint;
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String host = lower(email.substring(at + 1));
        if (c.contains("@")) {
            int cat = c.lastIndexOf('@');
            return c.substring(0, cat).equals(email.substring(0, at)) && lower(c.substring(cat + 1)).equals(host);
        }
        c = lower(c);
        if (c.startsWith(".")) {
            return host.endsWith(c);
        }
        return host.equals(c);
    }

    static boolean uriMatches(String constraint, String uri) throws NameConstraintException {
        String host;
        try {
            host = URI.create(uri).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null || host.isEmpty()) {
            throw new NameConstraintException("URI '" + uri + "' has no host to check against name constraints");
        }
        host = lower(host);
        String c = lower(constraint);
        return c.startsWith(".") ? host.endsWith(c) : host.equals(c);
    }

    private static boolean contiguous(byte[] b, int from) {
        boolean zero = false;
        for (int i = from; i < b.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = ((b[i] >> bit) & 1) == 1;
                if (one && zero) {
                    return false;
                }
                zero |= !one;
            }
        }
        return true;
    }

    private static String string(GeneralName g) {
        return ((ASN1String) g.getName()).getString();
    }

    private static byte[] octets(GeneralName g) {
        return ASN1OctetString.getInstance(g.getName()).getOctets();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String text(GeneralName g) {
        return switch (g.getTagNo()) {
            case GeneralName.iPAddress -> ipText(octets(g));
            case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier -> string(g);
            case GeneralName.directoryName -> X500Name.getInstance(g.getName()).toString();
            default -> "name of type " + g.getTagNo();
        };
    }

    private static String ipText(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                s.append(b.length > 8 ? ':' : '.');
            }
            s.append(b.length > 8 ? String.format(Locale.ROOT, "%02x", b[i] & 0xff) : Integer.toString(b[i] & 0xff));
        }
        return s.toString();
    }
}
