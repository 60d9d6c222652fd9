package io.localtrust.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * RFC 5280 §6.1 basic path validation over one candidate path, ours end to end: the anchor's
 * constraints applied when the anchor says so (§6.2, {@link AnchorChecks}), EKU on every
 * certificate as Chrome does, the signature algorithm and key policy of {@link Signatures},
 * revocation through {@link CrlChecker} when CRLs are given.
 */
final class PathValidator {
    private final Signatures signatures;
    private final EngineSettings settings;
    private final AnchorChecks anchorChecks;

    PathValidator(Signatures signatures, EngineSettings settings) {
        this.signatures = signatures;
        this.settings = settings;
        this.anchorChecks = new AnchorChecks(signatures, settings);
    }

    /**
     * Validates {@code chain} (first certificate issued by the anchor, leaf last; empty when the
     * leaf is itself the trusted certificate).
     */
    Optional<Failure> validate(Anchor anchor, Node root, List<Node> chain, Instant time, VerifyRequest request,
                               CrlChecker crls) {
        try {
            if (chain.isEmpty()) {
                return anchorChecks.trustedLeaf(anchor, root, time, request);
            }
            return run(anchor, root, chain, time, request, crls);
        } catch (RuntimeException e) {
            // A malformed structure Bouncy Castle only notices when asked: the path fails, nothing escapes.
            return Optional.of(new Failure(Reason.MALFORMED, "malformed certificate data: " + e.getMessage()));
        }
    }

    private Optional<Failure> run(Anchor anchor, Node root, List<Node> chain, Instant time, VerifyRequest request,
                                  CrlChecker crls) {
        int n = chain.size();
        boolean rootPolicies = anchor.enforceConstraints() && root.policies != null;
        PathState state = new PathState(request.policies(), n, n + (rootPolicies ? 1 : 0));
        Optional<Failure> f = anchorChecks.issuing(anchor, root, state, time, request);
        if (f.isPresent()) {
            return f;
        }
        SubjectPublicKeyInfo workingKey = root.asn1.getSubjectPublicKeyInfo();
        X500Name workingIssuer = root.subject;
        Node issuer = root;
        for (int i = 1; i <= n; i++) {
            Node node = chain.get(i - 1);
            boolean leaf = i == n;
            f = basic(node, issuer, workingKey, workingIssuer, leaf, time);
            if (f.isPresent()) {
                return f;
            }
            if (crls != null) {
                List<Node> validated = new ArrayList<>();
                validated.add(root);
                validated.addAll(chain.subList(0, i - 1));
                f = crls.check(node, issuer, workingKey, time, validated);
                if (f.isPresent()) {
                    return f;
                }
            }
            if (!node.selfIssued || leaf) {
                for (NameConstraints nc : state.constraints) {
                    try {
                        NameConstraintCheck.check(nc, node, leaf, new NameConstraintCheck.Budget(settings.maxNameChecks()));
                    } catch (NameConstraintCheck.NameConstraintException e) {
                        return Optional.of(Failure.of(Reason.NAME_CONSTRAINTS, node, e.getMessage()));
                    }
                }
            }
            f = state.policies(node, leaf);
            if (f.isEmpty()) {
                f = extensions(node, leaf, request);
            }
            if (f.isPresent()) {
                return f;
            }
            if (leaf) {
                break;
            }
            f = prepare(node, state);
            if (f.isPresent()) {
                return f;
            }
            workingIssuer = node.subject;
            workingKey = Signatures.inherit(node.asn1.getSubjectPublicKeyInfo(), workingKey);
            issuer = node;
        }
        return state.wrapUp(chain.get(n - 1), request.policies().initialPolicies());
    }

    /** §6.1.3 (a): profile, signature, validity, name chaining. */
    private Optional<Failure> basic(Node node, Node issuer, SubjectPublicKeyInfo workingKey, X500Name workingIssuer,
                                    boolean leaf, Instant time) {
        if (node.malformed.isPresent()) {
            return Optional.of(Failure.of(Reason.MALFORMED, node, node.malformed.get()));
        }
        if (settings.strictProfile()) {
            Optional<Failure> f = StrictProfile.check(node, leaf ? StrictProfile.Position.LEAF
                    : StrictProfile.Position.INTERMEDIATE);
            if (f.isPresent()) {
                return f;
            }
        }
        Optional<String> weak = signatures.refused(node, workingKey, settings.allowSha1());
        if (weak.isPresent()) {
            return Optional.of(Failure.of(Reason.WEAK_SIGNATURE, node, weak.get()));
        }
        if (!signatures.verifies(node, workingKey)) {
            return Optional.of(Failure.of(Reason.BAD_SIGNATURE, node,
                    "signature does not verify with the key of '" + issuer.label() + "'"));
        }
        Optional<Failure> f = Validity.check(node, time);
        if (f.isPresent()) {
            return f;
        }
        if (!Names.equal(node.issuer, workingIssuer)) {
            return Optional.of(Failure.of(Reason.NAME_CHAINING, node, "issuer name does not match its issuer's subject"));
        }
        return Optional.empty();
    }

    /** Critical extensions and EKU (every certificate), and what a strict purpose asks of the leaf. */
    private Optional<Failure> extensions(Node node, boolean leaf, VerifyRequest request) {
        if (!node.unknownCritical.isEmpty()) {
            return Optional.of(Failure.of(Reason.UNKNOWN_CRITICAL_EXTENSION, node,
                    "unknown critical extension " + node.unknownCritical));
        }
        if (leaf && request.purpose().strictFor(true) && node.isCa()) {
            return Optional.of(Failure.of(Reason.NOT_A_CA, node, "a leaf verified strictly must not be a CA"));
        }
        return ExtendedKeyUsages.check(node, request.purpose(), leaf, settings.localDeviceEku(),
                request.connection().local());
    }

    /** §6.1.4: preparation for the certificate after {@code node}. */
    private static Optional<Failure> prepare(Node node, PathState state) {
        Optional<Failure> f = state.preparePolicies(node);
        if (f.isPresent()) {
            return f;
        }
        if (node.nameConstraints != null) {
            Optional<String> bad = NameConstraintCheck.malformed(node.nameConstraints);
            if (bad.isPresent()) {
                return Optional.of(Failure.of(Reason.NAME_CONSTRAINTS, node, bad.get()));
            }
            state.constraints.add(node.nameConstraints);
        }
        if (!node.isCa()) {
            return Optional.of(Failure.of(Reason.NOT_A_CA, node, node.basicConstraints == null
                    ? "issues certificates but has no basicConstraints" : "basicConstraints say it is not a CA"));
        }
        if (!node.selfIssued) {
            if (state.maxPath <= 0) {
                return Optional.of(Failure.of(Reason.PATH_LENGTH, node, "path length constraint exceeded"));
            }
            state.maxPath--;
        }
        if (node.basicConstraints.getPathLenConstraint() != null) {
            state.maxPath = Math.min(state.maxPath, PathState.clamp(node.basicConstraints.getPathLenConstraint()));
        }
        if (node.keyUsage != null && !node.keyUsage.hasUsages(KeyUsage.keyCertSign)) {
            return Optional.of(Failure.of(Reason.KEY_USAGE, node, "CA certificate's keyUsage lacks keyCertSign"));
        }
        return Optional.empty();
    }
}
