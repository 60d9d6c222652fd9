package io.localtrust.trust;

import java.util.Objects;
import java.util.Set;

/**
 * The certificate policy inputs of RFC 5280 §6.1.1 (c), (e), (f), (g). The defaults are the
 * web's: any policy, nothing required or inhibited.
 *
 * @param initialPolicies       user-initial-policy-set (OIDs); {@link #ANY_POLICY} for any
 * @param explicitPolicy        initial-explicit-policy
 * @param inhibitPolicyMapping  initial-policy-mapping-inhibit
 * @param inhibitAnyPolicy      initial-any-policy-inhibit
 */
public record PolicySettings(Set<String> initialPolicies, boolean explicitPolicy, boolean inhibitPolicyMapping,
                             boolean inhibitAnyPolicy) {

    public static final String ANY_POLICY = "2.5.29.32.0";

    public PolicySettings {
        Objects.requireNonNull(initialPolicies, "initialPolicies");
        initialPolicies = Set.copyOf(initialPolicies);
        if (initialPolicies.isEmpty()) {
            throw new IllegalArgumentException("the initial policy set holds at least one policy (anyPolicy for any)");
        }
    }

    public static PolicySettings defaults() {
        return new PolicySettings(Set.of(ANY_POLICY), false, false, false);
    }
}
