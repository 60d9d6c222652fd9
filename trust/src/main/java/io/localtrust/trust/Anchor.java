package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.util.Objects;

/**
 * A trust anchor: a certificate whose key is trusted, of a kind.
 *
 * <p>By default the anchor's own constraints are enforced as Chrome ≥ 112 and Firefox do:
 * its name constraints, basicConstraints path length, keyUsage and EKU restrict every path
 * through it (RFC 5280 §6.2 allows this; neither JDK PKIX nor Bouncy Castle does it). A
 * gateway root is name-constrained to {@code home.arpa} precisely so that installing it cannot
 * let it vouch for a bank. {@link #unconstrained} exists for conformance suites that describe
 * anchors as bare keys (Chromium's {@code TRUSTED_ANCHOR}); do not use it for real trust.
 *
 * @param cert               the anchor certificate
 * @param kind               what it vouches for
 * @param enforceConstraints whether its extensions constrain paths (see above)
 * @param enforceExpiry      whether its own validity period must hold at the verification time
 */
public record Anchor(Cert cert, AnchorKind kind, boolean enforceConstraints, boolean enforceExpiry) {

    public Anchor {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * An anchor whose constraints and own validity period are enforced: an expired gateway root
     * fails closed (browsers ignore root expiry; x509-limbo and RFC 5280's profile do not).
     */
    public static Anchor of(Cert cert, AnchorKind kind) {
        return new Anchor(cert, kind, true, true);
    }

    /** An anchor trusted as a bare key: its extensions are ignored. For conformance suites only. */
    public static Anchor unconstrained(Cert cert, AnchorKind kind) {
        return new Anchor(cert, kind, false, false);
    }
}
