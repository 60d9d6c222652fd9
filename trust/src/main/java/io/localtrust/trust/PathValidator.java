package io.localtrust.trust;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * RFC 5280 §6.1 basic path validation over one candidate path, ours end to end: the anchor's
 * constraints applied when the anchor says so (§6.2), EKU on every certificate as Chrome does,
 * revocation through {@link CrlChecker} when CRLs are given.
 */
final class PathValidator {
    private final Signatures signatures;
    private final EngineSettings settings;

    PathValidator(Signatures signatures, EngineSettings settings) {
        this.signatures = signatures;
        this.settings = settings;
    }

    /**
     * Validates {@code chain} (first certificate issued by the anchor, leaf last; empty when the
     * leaf is itself the anchor).
     */
    Optional<Failure> validate(Anchor anchor, Node root, List<Node> chain, Instant time, VerifyRequest request,
                               CrlChecker crls) {
        try {
            return run(anchor, root, chain, time, request, crls);
        } catch (NameConstraintCheck.NameConstraintException e) {
            return Optional.of(new Failure(Reason.NAME_CONSTRAINTS, e.getMessage()));
        } catch (RuntimeException e) {
            // A malformed structure Bouncy Castle only notices when asked: the path fails, nothing escapes.
            return Optional.of(new Failure(Reason.MALFORMED, "malformed certificate data: " + e.getMessage()));
        }
    }

    private Optional<Failure> run(Anchor anchor, Node root, List<Node> chain, Instant time, VerifyRequest request,
                                  CrlChecker crls) throws NameConstraintCheck.NameConstraintException {
        int n = chain.size();
        PolicySettings ps = request.policies();
        int explicit = ps.explicitPolicy() ? 0 : n + 1;
        int inhibitAny = ps.inhibitAnyPolicy() ? 0 : n + 1;
        int mapping = ps.inhibitPolicyMapping() ? 0 : n + 1;
        int maxPath = n;
        List<NameConstraints> constraints = new ArrayList<>();
        NameConstraintCheck.Budget budget = new NameConstraintCheck.Budget(settings.maxNameChecks());
        boolean local = request.connection().local();

        if (anchor.enforceExpiry()) {
            Optional<Failure> f = validity(root, time);
            if (f.isPresent()) {
                return f;
            }
        }
        if (settings.strictProfile() && n == 0) {
            Optional<Failure> f = StrictProfile.check(root, StrictProfile.Position.TRUSTED_LEAF);
            if (f.isPresent()) {
                return f;
            }
        }
        if (anchor.enforceConstraints()) {
            if (settings.strictProfile() && n > 0) {
                Optional<Failure> f = StrictProfile.check(root, StrictProfile.Position.ANCHOR);
                if (f.isPresent()) {
                    return f;
                }
            }
            if (root.malformed.isPresent()) {
                return Optional.of(Failure.of(Reason.MALFORMED, root, root.malformed.get()));
            }
            if (root.basicConstraints != null && !root.basicConstraints.isCA() && n > 0) {
                return Optional.of(Failure.of(Reason.NOT_A_CA, root, "trust anchor's basicConstraints say it is not a CA"));
            }
            if (root.keyUsage != null && !root.keyUsage.hasUsages(KeyUsage.keyCertSign) && n > 0) {
                return Optional.of(Failure.of(Reason.KEY_USAGE, root, "trust anchor's keyUsage lacks keyCertSign"));
            }
            if (!root.unknownCritical.isEmpty()) {
                return Optional.of(Failure.of(Reason.UNKNOWN_CRITICAL_EXTENSION, root,
                        "unknown critical extension " + root.unknownCritical));
            }
            if (root.basicConstraints != null && root.basicConstraints.getPathLenConstraint() != null) {
                maxPath = Math.min(maxPath, clamp(root.basicConstraints.getPathLenConstraint()));
            }
            if (root.nameConstraints != null) {
                Optional<String> bad = NameConstraintCheck.malformed(root.nameConstraints);
                if (bad.isPresent()) {
                    return Optional.of(Failure.of(Reason.NAME_CONSTRAINTS, root, bad.get()));
                }
                constraints.add(root.nameConstraints);
            }
            if (n > 0) {
                Optional<Failure> eku = ExtendedKeyUsages.check(root, request.purpose(), false, n == 1,
                        settings.localDeviceEku(), local);
                if (eku.isPresent()) {
                    return eku;
                }
            }
        }

        SubjectPublicKeyInfo workingKey = root.asn1.getSubjectPublicKeyInfo();
        X500Name workingIssuer = root.subject;
        Node issuer = root;
        PolicyTree tree = new PolicyTree();
        for (int i = 1; i <= n; i++) {
            Node node = chain.get(i - 1);
            boolean leaf = i == n;
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
            if (Signatures.refused(node.asn1.getSignatureAlgorithm())) {
                return Optional.of(Failure.of(Reason.WEAK_SIGNATURE, node, "signed with a refused algorithm ("
                        + node.cert.signatureAlgorithm() + ")"));
            }
            if (!signatures.verifies(node, workingKey)) {
                return Optional.of(Failure.of(Reason.BAD_SIGNATURE, node,
                        "signature does not verify with the key of '" + issuer.label() + "'"));
            }
            Optional<Failure> f = validity(node, time);
            if (f.isPresent()) {
                return f;
            }
            if (!Names.equal(node.issuer, workingIssuer)) {
                return Optional.of(Failure.of(Reason.NAME_CHAINING, node, "issuer name does not match its issuer's subject"));
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
                for (NameConstraints nc : constraints) {
                    try {
                        NameConstraintCheck.check(nc, node, leaf, budget);
                    } catch (NameConstraintCheck.NameConstraintException e) {
                        return Optional.of(Failure.of(Reason.NAME_CONSTRAINTS, node, e.getMessage()));
                    }
                }
            }
            tree.process(i, node.policies, inhibitAny > 0 || (i < n && node.selfIssued));
            if (explicit == 0 && tree.isNull()) {
                return Optional.of(Failure.of(Reason.POLICY, node, "no valid certificate policy"));
            }
            if (!node.unknownCritical.isEmpty()) {
                return Optional.of(Failure.of(Reason.UNKNOWN_CRITICAL_EXTENSION, node,
                        "unknown critical extension " + node.unknownCritical));
            }
            Optional<Failure> eku = ExtendedKeyUsages.check(node, request.purpose(), leaf, i == n - 1,
                    settings.localDeviceEku(), local);
            if (eku.isPresent()) {
                return eku;
            }
            if (leaf) {
                break;
            }
            // §6.1.4: preparation for certificate i+1.
            Map<String, Set<String>> maps = PolicyTree.mappings(node.policyMappings);
            for (Map.Entry<String, Set<String>> m : maps.entrySet()) {
                if (m.getKey().equals(PolicyTree.ANY) || m.getValue().contains(PolicyTree.ANY)) {
                    return Optional.of(Failure.of(Reason.POLICY, node, "policy mapping to or from anyPolicy"));
                }
            }
            tree.map(i, maps, mapping > 0);
            workingIssuer = node.subject;
            workingKey = Signatures.inherit(node.asn1.getSubjectPublicKeyInfo(), workingKey);
            issuer = node;
            if (node.nameConstraints != null) {
                Optional<String> bad = NameConstraintCheck.malformed(node.nameConstraints);
                if (bad.isPresent()) {
                    return Optional.of(Failure.of(Reason.NAME_CONSTRAINTS, node, bad.get()));
                }
                constraints.add(node.nameConstraints);
            }
            if (!node.selfIssued) {
                explicit = Math.max(0, explicit - 1);
                mapping = Math.max(0, mapping - 1);
                inhibitAny = Math.max(0, inhibitAny - 1);
            }
            if (node.policyConstraints != null) {
                BigInteger r = node.policyConstraints.getRequireExplicitPolicyMapping();
                BigInteger m = node.policyConstraints.getInhibitPolicyMapping();
                if (r != null) {
                    explicit = Math.min(explicit, clamp(r));
                }
                if (m != null) {
                    mapping = Math.min(mapping, clamp(m));
                }
            }
            if (node.inhibitAnyPolicy >= 0) {
                inhibitAny = Math.min(inhibitAny, node.inhibitAnyPolicy);
            }
            if (!node.isCa()) {
                return Optional.of(Failure.of(Reason.NOT_A_CA, node, node.basicConstraints == null
                        ? "issues certificates but has no basicConstraints" : "basicConstraints say it is not a CA"));
            }
            if (!node.selfIssued) {
                if (maxPath <= 0) {
                    return Optional.of(Failure.of(Reason.PATH_LENGTH, node, "path length constraint exceeded"));
                }
                maxPath--;
            }
            if (node.basicConstraints.getPathLenConstraint() != null) {
                maxPath = Math.min(maxPath, clamp(node.basicConstraints.getPathLenConstraint()));
            }
            if (node.keyUsage != null && !node.keyUsage.hasUsages(KeyUsage.keyCertSign)) {
                return Optional.of(Failure.of(Reason.KEY_USAGE, node, "CA certificate's keyUsage lacks keyCertSign"));
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        // §6.1.5 wrap-up.
        Node leaf = chain.get(n - 1);
        if (explicit != 0) {
            explicit--;
        }
        if (leaf.policyConstraints != null && leaf.policyConstraints.getRequireExplicitPolicyMapping() != null
                && leaf.policyConstraints.getRequireExplicitPolicyMapping().signum() == 0) {
            explicit = 0;
        }
        tree.intersect(n, ps.initialPolicies());
        if (explicit == 0 && tree.isNull()) {
            return Optional.of(Failure.of(Reason.POLICY, leaf, "no valid certificate policy"));
        }
        return Optional.empty();
    }

    private static Optional<Failure> validity(Node node, Instant time) {
        if (time.isBefore(node.cert.notBefore())) {
            return Optional.of(Failure.of(Reason.NOT_YET_VALID, node, "not valid before " + node.cert.notBefore()));
        }
        if (time.isAfter(node.cert.notAfter())) {
            return Optional.of(Failure.of(Reason.EXPIRED, node, "expired at " + node.cert.notAfter()));
        }
        return Optional.empty();
    }

    private static int clamp(BigInteger v) {
        return v.bitLength() > 30 ? Integer.MAX_VALUE : Math.max(0, v.intValue());
    }
}
