package io.localtrust.practice;

import io.localtrust.practice.context.AnchorSet;
import io.localtrust.x509.Cert;
import java.security.cert.TrustAnchor;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@link ChainValidator} asks of one anchor set on every chain, worked out once per set: the
 * anchors' subjects in a forgiving form (the pre-filter "could any anchor have issued something
 * presented?"), the anchors by DER fingerprint (a leaf installed as its own anchor), and — only
 * when a path is actually built — the provider's {@link TrustAnchor}s. A scan classifies
 * thousands of chains against the same ~150 public roots; before this index every chain
 * normalised every root's name again.
 */
final class AnchorIndex {
    /** Issuer names already asked about (the same issuing CAs come back chain after chain); bounded. */
    private static final int MAX_ISSUERS = 4_096;
    private final Map<String, Boolean> issuers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> looseSubjects = new HashSet<>();
    private final Set<String> sha256s = new HashSet<>();
    private final AnchorSet set;
    private final Supplier<Set<TrustAnchor>> trustAnchors;
    private volatile Set<TrustAnchor> built;

    AnchorIndex(AnchorSet set, Supplier<Set<TrustAnchor>> trustAnchors) {
        for (AnchorSet.Entry e : set.entries()) {
            looseSubjects.add(loose(e.subject()));
            sha256s.add(e.sha256());
        }
        this.set = set;
        this.trustAnchors = trustAnchors;
    }

    /** A forgiving name form for the pre-filter only (RFC 5280 §7.1 compares case- and space-insensitively). */
    static String loose(String dn) {
        String lower = dn.toLowerCase(Locale.ROOT);
        StringBuilder out = null;
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            // As the regular expression \s+ → " ": space, tab, line feed, vertical tab, form feed, carriage return.
            boolean ws = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (out == null && ws && (c != ' ' || space)) {
                out = new StringBuilder(lower.length()).append(lower, 0, space ? i - 1 : i);
                if (space) {
                    // the run began with a plain space, not copied: the run is emitted below as one space
                    space = false;
                }
            }
            if (out != null) {
                if (!ws) {
                    out.append(c);
                } else if (!space) {
                    out.append(' ');
                }
            }
            space = ws;
        }
        return out == null ? lower : out.toString();
    }

    /** Whether some anchor's subject is (loosely) this issuer name. */
    boolean mayHaveIssued(String issuer) {
        Boolean known = issuers.get(issuer);
        if (known != null) {
            return known;
        }
        boolean may = looseSubjects.contains(loose(issuer));
        if (issuers.size() >= MAX_ISSUERS) {
            issuers.clear();
        }
        issuers.put(issuer, may);
        return may;
    }

    /** The anchor whose DER is exactly {@code c}'s, if {@code c} is itself an anchor. */
    Optional<Cert> anchorEqualTo(Cert c) {
        if (!sha256s.contains(c.fingerprints().sha256())) {
            return Optional.empty();
        }
        return set.certs().stream().filter(a -> a.fingerprints().sha256().equals(c.fingerprints().sha256())
                && java.util.Arrays.equals(a.der(), c.der())).findFirst();
    }

    /** The anchors as the path builder takes them, made on first use. */
    Set<TrustAnchor> trustAnchors() {
        Set<TrustAnchor> t = built;
        if (t == null) {
            synchronized (this) {
                t = built;
                if (t == null) {
                    t = trustAnchors.get();
                    built = t;
                }
            }
        }
        return t;
    }
}
