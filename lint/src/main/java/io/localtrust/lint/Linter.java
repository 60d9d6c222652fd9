package io.localtrust.lint;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a fixed list of lints over a certificate or a presented chain.
 *
 * <p>Findings come in lint order, certificate by certificate (leaf first); sort with
 * {@link Finding#REPORT_ORDER} for a report. A finding about a certificate other than the leaf
 * names it: {@code intermediate 'Vendor CA': RSA key of 1024 bits…}.
 */
public final class Linter {

    private final List<Lint> lints;

    public Linter(List<Lint> lints) {
        this.lints = List.copyOf(lints);
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
        List<Finding> out = new ArrayList<>();
        for (Lint lint : lints) {
            out.addAll(lint.check(cert, context));
        }
        return List.copyOf(out);
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
