package io.localtrust.trust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * The valid_policy_tree of RFC 5280 §6.1.2 (a) and its processing in §6.1.3 (d)–(f),
 * §6.1.4 (a)–(b) and §6.1.5 (g). Qualifiers are not kept: nothing here acts on them.
 * Nodes live in one list per depth; a deleted tree is {@code null} levels.
 */
final class PolicyTree {
    static final String ANY = PolicySettings.ANY_POLICY;

    static final class PNode {
        final String policy;
        final Set<String> expected;
        final PNode parent;
        final List<PNode> children = new ArrayList<>();

        PNode(String policy, Set<String> expected, PNode parent) {
            this.policy = policy;
            this.expected = expected;
            this.parent = parent;
            if (parent != null) {
                parent.children.add(this);
            }
        }
    }

    /** levels.get(d) = nodes at depth d; null when the tree is NULL. */
    private List<List<PNode>> levels;

    PolicyTree() {
        levels = new ArrayList<>();
        levels.add(new ArrayList<>(List.of(new PNode(ANY, new LinkedHashSet<>(Set.of(ANY)), null))));
    }

    boolean isNull() {
        return levels == null;
    }

    /** §6.1.3 (d)/(e) for the certificate at depth i (1-based). */
    void process(int i, CertificatePolicies policies, boolean anyAllowed) {
        if (levels == null) {
            return;
        }
        if (policies == null) {
            levels = null;
            return;
        }
        List<PNode> parents = levels.get(i - 1);
        List<PNode> level = new ArrayList<>();
        boolean hasAny = false;
        for (PolicyInformation info : policies.getPolicyInformation()) {
            String p = info.getPolicyIdentifier().getId();
            if (p.equals(ANY)) {
                hasAny = true;
                continue;
            }
            boolean matched = false;
            for (PNode parent : parents) {
                if (parent.expected.contains(p)) {
                    level.add(new PNode(p, new LinkedHashSet<>(Set.of(p)), parent));
                    matched = true;
                }
            }
            if (!matched) {
                for (PNode parent : parents) {
                    if (parent.policy.equals(ANY)) {
                        level.add(new PNode(p, new LinkedHashSet<>(Set.of(p)), parent));
                    }
                }
            }
        }
        if (hasAny && anyAllowed) {
            for (PNode parent : parents) {
                Set<String> present = new LinkedHashSet<>();
                for (PNode c : parent.children) {
                    present.add(c.policy);
                }
                for (String e : new ArrayList<>(parent.expected)) {
                    if (!present.contains(e)) {
                        level.add(new PNode(e, new LinkedHashSet<>(Set.of(e)), parent));
                    }
                }
            }
        }
        levels.add(level);
        prune(i);
    }

    /**
     * §6.1.4 (b): applies the certificate's mappings (issuerDomain → subjectDomains) at depth i,
     * or deletes the mapped policies when mapping is inhibited.
     */
    void map(int i, Map<String, Set<String>> mappings, boolean mappingAllowed) {
        if (levels == null || mappings.isEmpty()) {
            return;
        }
        List<PNode> level = levels.get(i);
        for (Map.Entry<String, Set<String>> m : mappings.entrySet()) {
            String idp = m.getKey();
            if (mappingAllowed) {
                boolean found = false;
                for (PNode n : level) {
                    if (n.policy.equals(idp)) {
                        n.expected.clear();
                        n.expected.addAll(m.getValue());
                        found = true;
                    }
                }
                if (!found) {
                    for (PNode n : new ArrayList<>(level)) {
                        if (n.policy.equals(ANY)) {
                            level.add(new PNode(idp, new LinkedHashSet<>(m.getValue()), n.parent));
                            break;
                        }
                    }
                }
            } else {
                level.removeIf(n -> {
                    if (n.policy.equals(idp)) {
                        n.parent.children.remove(n);
                        return true;
                    }
                    return false;
                });
            }
        }
        prune(i);
    }

    /** §6.1.5 (g): the intersection with the user-initial-policy-set at depth n. */
    void intersect(int n, Set<String> initial) {
        if (levels == null || initial.contains(ANY)) {
            return;
        }
        // valid_policy_node_set: nodes whose parent is an anyPolicy node.
        List<PNode> nodeSet = new ArrayList<>();
        for (int d = 1; d <= n && d < levels.size(); d++) {
            for (PNode node : levels.get(d)) {
                if (node.parent != null && node.parent.policy.equals(ANY)) {
                    nodeSet.add(node);
                }
            }
        }
        Set<String> present = new LinkedHashSet<>();
        for (PNode node : nodeSet) {
            if (!node.policy.equals(ANY) && !initial.contains(node.policy)) {
                delete(node);
            } else {
                present.add(node.policy);
            }
        }
        List<PNode> leaves = levels.get(n);
        for (PNode any : new ArrayList<>(leaves)) {
            if (any.policy.equals(ANY)) {
                for (String p : initial) {
                    if (!present.contains(p)) {
                        leaves.add(new PNode(p, new LinkedHashSet<>(Set.of(p)), any.parent));
                    }
                }
                delete(any);
            }
        }
        prune(n);
    }

    private void delete(PNode node) {
        if (node.parent != null) {
            node.parent.children.remove(node);
        }
        for (List<PNode> level : levels) {
            level.remove(node);
        }
        for (PNode c : new ArrayList<>(node.children)) {
            delete(c);
        }
    }

    /** Removes nodes above depth {@code depth} that have no children; a tree left without a root is NULL. */
    private void prune(int depth) {
        for (int d = depth - 1; d >= 0; d--) {
            List<PNode> level = levels.get(d);
            level.removeIf(node -> {
                if (node.children.isEmpty()) {
                    if (node.parent != null) {
                        node.parent.children.remove(node);
                    }
                    return true;
                }
                return false;
            });
        }
        if (levels.get(0).isEmpty()) {
            levels = null;
        }
    }

    /** Mappings of one certificate as issuerDomain → subjectDomains. */
    static Map<String, Set<String>> mappings(org.bouncycastle.asn1.x509.PolicyMappings pm) {
        Map<String, Set<String>> out = new HashMap<>();
        if (pm == null) {
            return out;
        }
        org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(pm.toASN1Primitive());
        for (int k = 0; k < seq.size(); k++) {
            org.bouncycastle.asn1.ASN1Sequence pair = org.bouncycastle.asn1.ASN1Sequence.getInstance(seq.getObjectAt(k));
            String issuer = org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
            String subject = org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(pair.getObjectAt(1)).getId();
            out.computeIfAbsent(issuer, x -> new LinkedHashSet<>()).add(subject);
        }
        return out;
    }
}
