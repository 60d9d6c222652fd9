package io.localtrust.trust;

import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a trusted certificate itself must satisfy: its validity when the anchor enforces expiry,
 * and — when it enforces constraints (RFC 5280 §6.2, Chrome's TRUSTED_ANCHOR_WITH_CONSTRAINTS) —
 * basicConstraints, keyUsage, critical extensions, EKU, path length, name constraints and
 * policies, which then restrict the whole path. A certificate trusted as a leaf is checked as a
 * leaf: validity, EKU, self-signature when its role demands one.
 */
final class AnchorChecks {
    private final Signatures signatures;
    private final EngineSettings settings;

    AnchorChecks(Signatures signatures, EngineSettings settings) {
        this.signatures = signatures;
        this.settings = settings;
    }

    /** Checks the anchor that issues a path of {@code n ≥ 1} certificates, seeding {@code state}. */
    Optional<Failure> issuing(Anchor anchor, Node root, PathState state, Instant time, VerifyRequest request) {
        if (anchor.enforceExpiry()) {
            Optional<Failure> f = Validity.check(root, time);
            if (f.isPresent()) {
                return f;
            }
        }
        if (!anchor.enforceConstraints()) {
            return Optional.empty();
        }
        if (anchor.requireBasicConstraints() && !root.isCa()) {
            return Optional.of(Failure.of(Reason.NOT_A_CA, root, "trust anchor lacks basicConstraints cA"));
        }
        if (settings.strictProfile()) {
            Optional<Failure> f = StrictProfile.check(root, StrictProfile.Position.ANCHOR);
            if (f.isPresent()) {
                return f;
            }
        }
        if (root.malformed.isPresent()) {
            return Optional.of(Failure.of(Reason.MALFORMED, root, root.malformed.get()));
        }
        if (root.basicConstraints != null && !root.basicConstraints.isCA()) {
            return Optional.of(Failure.of(Reason.NOT_A_CA, root, "trust anchor's basicConstraints say it is not a CA"));
        }
        if (root.keyUsage != null && !root.keyUsage.hasUsages(KeyUsage.keyCertSign)) {
            return Optional.of(Failure.of(Reason.KEY_USAGE, root, "trust anchor's keyUsage lacks keyCertSign"));
        }
        if (!root.unknownCritical.isEmpty()) {
            return Optional.of(Failure.of(Reason.UNKNOWN_CRITICAL_EXTENSION, root,
                    "unknown critical extension " + root.unknownCritical));
        }
        if (root.basicConstraints != null && root.basicConstraints.getPathLenConstraint() != null) {
            state.maxPath = Math.min(state.maxPath, PathState.clamp(root.basicConstraints.getPathLenConstraint()));
        }
        if (root.nameConstraints != null) {
            Optional<String> bad = NameConstraintCheck.malformed(root.nameConstraints);
            if (bad.isPresent()) {
                return Optional.of(Failure.of(Reason.NAME_CONSTRAINTS, root, bad.get()));
            }
            state.constraints.add(root.nameConstraints);
        }
        Optional<Failure> eku = ExtendedKeyUsages.check(root, request.purpose(), false, settings.localDeviceEku(),
                request.connection().local());
        if (eku.isPresent()) {
            return eku;
        }
        if (hasPolicyExtensions(root)) {
            Optional<Failure> f = root.policies != null ? state.policies(root, false) : Optional.empty();
            return f.isPresent() ? f : state.preparePolicies(root);
        }
        return Optional.empty();
    }

    /** Checks a certificate trusted as the leaf itself (a path of no certificates). */
    Optional<Failure> trustedLeaf(Anchor anchor, Node leaf, Instant time, VerifyRequest request) {
        if (anchor.role() == Anchor.Role.SELF_SIGNED_LEAF
                && !signatures.verifies(leaf, leaf.asn1.getSubjectPublicKeyInfo())) {
            return Optional.of(Failure.of(Reason.NO_PATH_TO_ANCHOR, leaf, "trusted only when self-signed, and it is not"));
        }
        if (anchor.enforceExpiry()) {
            Optional<Failure> f = Validity.check(leaf, time);
            if (f.isPresent()) {
                return f;
            }
        }
        if (settings.strictProfile()) {
            Optional<Failure> f = StrictProfile.check(leaf, StrictProfile.Position.TRUSTED_LEAF);
            if (f.isPresent()) {
                return f;
            }
        }
        if (!anchor.enforceConstraints()) {
            return Optional.empty();
        }
        if (leaf.malformed.isPresent()) {
            return Optional.of(Failure.of(Reason.MALFORMED, leaf, leaf.malformed.get()));
        }
        if (!leaf.unknownCritical.isEmpty()) {
            return Optional.of(Failure.of(Reason.UNKNOWN_CRITICAL_EXTENSION, leaf,
                    "unknown critical extension " + leaf.unknownCritical));
        }
        return ExtendedKeyUsages.check(leaf, request.purpose(), true, settings.localDeviceEku(),
                request.connection().local());
    }

    static boolean hasPolicyExtensions(Node root) {
        return root.policies != null || root.policyMappings != null || root.policyConstraints != null
                || root.inhibitAnyPolicy >= 0;
    }
}
