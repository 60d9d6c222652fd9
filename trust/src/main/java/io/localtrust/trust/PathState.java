package io.localtrust.trust;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The state variables of RFC 5280 §6.1.2 for one path: policy counters and tree, the path
 * length budget and the name constraints collected so far. The policy steps live here because
 * both the certificates of the path and a constrained anchor (Chrome's
 * TRUSTED_ANCHOR_WITH_CONSTRAINTS) feed them.
 */
final class PathState {
    int explicit;
    int inhibitAny;
    int mapping;
    int maxPath;
    /** Depth in the policy tree of the last certificate processed. */
    int depth;
    final int policyLength;
    final PolicyTree tree = new PolicyTree();
    final List<NameConstraints> constraints = new ArrayList<>();

    /**
     * @param policyLength certificates whose policies are processed (n, plus one for a constrained anchor)
     */
    PathState(PolicySettings ps, int n, int policyLength) {
        this.policyLength = policyLength;
        this.explicit = ps.explicitPolicy() ? 0 : policyLength + 1;
        this.inhibitAny = ps.inhibitAnyPolicy() ? 0 : policyLength + 1;
        this.mapping = ps.inhibitPolicyMapping() ? 0 : policyLength + 1;
        this.maxPath = n;
    }

    /** §6.1.3 (d)–(f) for the next certificate. */
    Optional<Failure> policies(Node node, boolean last) {
        depth++;
        tree.process(depth, node.policies, inhibitAny > 0 || (!last && node.selfIssued));
        if (explicit == 0 && tree.isNull()) {
            return Optional.of(Failure.of(Reason.POLICY, node, "no valid certificate policy"));
        }
        return Optional.empty();
    }

    /** §6.1.4 (a), (b), (h), (i), (j): policy preparation for the certificate after {@code node}. */
    Optional<Failure> preparePolicies(Node node) {
        Map<String, Set<String>> maps = PolicyTree.mappings(node.policyMappings);
        for (Map.Entry<String, Set<String>> m : maps.entrySet()) {
            if (m.getKey().equals(PolicyTree.ANY) || m.getValue().contains(PolicyTree.ANY)) {
                return Optional.of(Failure.of(Reason.POLICY, node, "policy mapping to or from anyPolicy"));
            }
        }
        if (depth > 0) {
            tree.map(depth, maps, mapping > 0);
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
        return Optional.empty();
    }

    /** §6.1.5 (a), (b), (g) and the final explicit-policy check. */
    Optional<Failure> wrapUp(Node leaf, Set<String> initial) {
        if (explicit != 0) {
            explicit--;
        }
        if (leaf.policyConstraints != null && leaf.policyConstraints.getRequireExplicitPolicyMapping() != null
                && leaf.policyConstraints.getRequireExplicitPolicyMapping().signum() == 0) {
            explicit = 0;
        }
        tree.intersect(depth, initial);
        if (explicit == 0 && tree.isNull()) {
            return Optional.of(Failure.of(Reason.POLICY, leaf, "no valid certificate policy"));
        }
        return Optional.empty();
    }

    static int clamp(BigInteger v) {
        return v.bitLength() > 30 ? Integer.MAX_VALUE : Math.max(0, v.intValue());
    }
}
