package io.localtrust.lint;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a fixed list of lints over a certificate or a presented chain.
 *
 * <p>Findings come in lint order, certificate by certificate (leaf first); sort with
 * {@link Finding#REPORT_ORDER} for a report. A finding about a certificate other than the leaf
 * names it: {@code intermediate 'Vendor CA': RSA key of 1024 bits…}.
 *
 * <p>The findings of the standard lints that read only the certificate, its role and whether the chain is
 * publicly trusted — every lint here but {@link Expired} and {@link NotYetValid}, which read the observation
 * time — are remembered per certificate (DER equality), role and public trust: a client meeting the same
 * device again does not lint its certificates again. The time-dependent lints, and any lint not known
 * here to be time-free, run on every call; findings keep the lint order. Bounded: cleared when full.
 */
public final class Linter {
    /** The lints known to depend on nothing but the certificate and the context's role and public trust. */
    private static final Set<Class<? extends Lint>> TIME_FREE = Set.of(FactorableRsaKey.class, RocaKey.class,
            WeakRsaKey.class, WeakSignature.class, UnsupportedCurve.class, NoSan.class, PublicCertInternalName.class,
            PublicCertReservedIp.class, ValidityTooLong.class);
    static final int MAX_CACHED = 4_096;

    private record Key(Cert cert, CertRole role, boolean publiclyTrusted) {
    }

    private final List<Lint> lints;
    private final boolean[] timeFree;
    /** Per certificate, role and public trust: each time-free lint's findings, null for the others. */
    private final Map<Key, List<Finding>[]> remembered = new ConcurrentHashMap<>();

    public Linter(List<Lint> lints) {
        this.lints = List.copyOf(lints);
        this.timeFree = new boolean[this.lints.size()];
        for (int i = 0; i < timeFree.length; i++) {
            timeFree[i] = TIME_FREE.contains(this.lints.get(i).getClass());
        }
    }

    /** The standard set, in the order the documentation lists them (docs/lints.md). */
    public static Linter standard() {
        return new Linter(List.of(
                new FactorableRsaKey(),
                new RocaKey(),
                new WeakRsaKey(),
                new WeakSignature(),
                new UnsupportedCurve(),
                new Expired(),
                new NotYetValid(),
                new NoSan(),
                new PublicCertInternalName(),
                new PublicCertReservedIp(),
                new ValidityTooLong()));
    }

    /** The lints this linter runs, in order (for documentation and {@code --help}). */
    public List<Lint> lints() {
        return lints;
    }

    /** Every finding for one certificate in the given context. */
    public List<Finding> lint(Cert cert, LintContext context) {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(context, "context");
        List<Finding>[] known = remembered(cert, context);
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < known.length; i++) {
            out.addAll(known[i] != null ? known[i] : lints.get(i).check(cert, context));
        }
        return List.copyOf(out);
    }

    /**
     * {@link #lint}, for a certificate that will not be linted again — an issuer's unsigned draft,
     * new each time: every lint runs, and nothing is remembered (keeping it would only push out
     * certificates that do come back).
     */
    public List<Finding> lintOnce(Cert cert, LintContext context) {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(context, "context");
        List<Finding> out = new ArrayList<>();
        for (Lint lint : lints) {
            out.addAll(lint.check(cert, context));
        }
        return List.copyOf(out);
    }

    /** For tests: the certificates (with role and public trust) whose findings are remembered. */
    int remembered() {
        return remembered.size();
    }

    /** The time-free lints' findings for this certificate and context, worked out once. */
    @SuppressWarnings("unchecked")
    private List<Finding>[] remembered(Cert cert, LintContext context) {
        Key key = new Key(cert, context.role(), context.publiclyTrusted());
        List<Finding>[] known = remembered.get(key);
        if (known != null) {
            return known;
        }
        known = new List[lints.size()];
        for (int i = 0; i < known.length; i++) {
            if (timeFree[i]) {
                known[i] = List.copyOf(lints.get(i).check(cert, context));
            }
        }
        if (remembered.size() >= MAX_CACHED) {
            remembered.clear();
        }
        remembered.put(key, known);
        return known;
    }

    /**
     * Lints every certificate of a presented chain: the first as {@link CertRole#LEAF}, a later
     * self-issued CA (or self-issued v1/v2 certificate, the old way of making a root) as
     * {@link CertRole#ROOT}, any other as {@link CertRole#INTERMEDIATE}. Self-issued (names) rather
     * than self-signed (signature) so that linting never pays for a signature check.
     */
    public List<Finding> lintChain(CertChain chain, Instant at, boolean publiclyTrusted) {
        Objects.requireNonNull(chain, "chain");
        List<Finding> out = new ArrayList<>(lint(chain.leaf(), new LintContext(at, CertRole.LEAF, publiclyTrusted)));
        for (Cert cert : chain.rest()) {
            CertRole role = roleOf(cert);
            String prefix = (role == CertRole.ROOT ? "root '" : "intermediate '") + MessageText.clean(cert.label()) + "': ";
            for (Finding f : lint(cert, new LintContext(at, role, publiclyTrusted))) {
                out.add(new Finding(f.code(), f.severity(), prefix + f.message()));
            }
        }
        return List.copyOf(out);
    }

    static CertRole roleOf(Cert nonLeaf) {
        return nonLeaf.selfIssued() && (nonLeaf.ca() || nonLeaf.version() < 3) ? CertRole.ROOT : CertRole.INTERMEDIATE;
    }
}
