package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.util.Objects;

/**
 * A trusted certificate, of a kind, in a role.
 *
 * <p>By default ({@link #of}) an anchor's own constraints are enforced as Chrome ≥ 112 and
 * Firefox do: its name constraints, basicConstraints path length, keyUsage, EKU and policy
 * extensions restrict every path through it (RFC 5280 §6.2 allows this; neither JDK PKIX nor
 * Bouncy Castle does it), and so is its validity period. A gateway root is name-constrained to
 * {@code home.arpa} precisely so that installing it cannot let it vouch for a bank.
 * {@link #unconstrained} exists for conformance suites that describe anchors as bare keys
 * (RFC 5280 §6.1.1 (d), Chromium's {@code TRUSTED_ANCHOR}); do not use it for real trust.
 *
 * @param cert                    the trusted certificate
 * @param kind                    what it vouches for
 * @param role                    whether it anchors paths, is trusted as a leaf itself, or both
 * @param enforceConstraints      whether its extensions constrain paths (see above)
 * @param enforceExpiry           whether its own validity period must hold at the verification time
 * @param requireBasicConstraints whether, when it anchors a path with constraints enforced, it must
 *                                carry basicConstraints cA (without it, RFC 5280 lets a v1 root anchor)
 */
public record Anchor(Cert cert, AnchorKind kind, Role role, boolean enforceConstraints, boolean enforceExpiry,
                     boolean requireBasicConstraints) {

    /** How a trusted certificate may be used. */
    public enum Role {
        /** Issues the paths it ends; never accepted as the leaf itself. */
        ANCHOR,
        /** Accepted as the leaf itself (a directly trusted certificate); anchors nothing. */
        LEAF,
        /** As {@link #LEAF}, and only when its signature verifies with its own key. */
        SELF_SIGNED_LEAF,
        /** Both. */
        ANCHOR_OR_LEAF;

        boolean anchors() {
            return this == ANCHOR || this == ANCHOR_OR_LEAF;
        }

        boolean trustsLeaf() {
            return this != ANCHOR;
        }
    }

    public Anchor {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
    }

    /**
     * An anchor whose constraints and own validity period are enforced: an expired gateway root
     * fails closed (browsers ignore root expiry; x509-limbo and RFC 5280's profile do not).
     */
    public static Anchor of(Cert cert, AnchorKind kind) {
        return new Anchor(cert, kind, Role.ANCHOR, true, true, false);
    }

    /** A trust anchor as a bare key: its extensions and validity are ignored. For conformance suites only. */
    public static Anchor unconstrained(Cert cert, AnchorKind kind) {
        return new Anchor(cert, kind, Role.ANCHOR, false, false, false);
    }

    /** A certificate trusted as a leaf itself, its validity and EKU still checked. */
    public static Anchor trustedLeaf(Cert cert, AnchorKind kind) {
        return new Anchor(cert, kind, Role.LEAF, true, true, false);
    }

    public Anchor withRole(Role r) {
        return new Anchor(cert, kind, r, enforceConstraints, enforceExpiry, requireBasicConstraints);
    }

    public Anchor withExpiry(boolean enforce) {
        return new Anchor(cert, kind, role, enforceConstraints, enforce, requireBasicConstraints);
    }

    public Anchor withConstraints(boolean enforce) {
        return new Anchor(cert, kind, role, enforce, enforceExpiry, requireBasicConstraints);
    }

    public Anchor requiringBasicConstraints() {
        return new Anchor(cert, kind, role, enforceConstraints, enforceExpiry, true);
    }
}
