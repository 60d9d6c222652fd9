package io.localtrust.ladder;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.locality.Locality;
import io.localtrust.practice.FleetView;
import io.localtrust.x509.Cert;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the ladder trusts and distrusts. Start from {@link #of} and add with the withers.
 *
 * @param publicRoots   web PKI roots ({@code TRUSTED_PUBLIC})
 * @param localAnchors  the user's gateway roots ({@code TRUSTED_LOCAL} on a local connection)
 * @param vendorAnchors device-vendor / IoT-authority roots ({@code TRUSTED_VENDOR} with id-kp-localDevice, locally)
 * @param attestationAnchors authorities whose attestation tokens binding the TLS key count ({@code TRUSTED_ATTESTED},
 *                      locally): each certificate's key signs attestations directly
 * @param compromised   keys whose private half is public: such a key is always {@code REJECTED}
 * @param fleet         other devices seen (a scanner's view) to tell shared keys; a single device by default
 * @param pins          the trust-on-first-use pin store, if pins are used
 * @param pinOnFirstUse whether a unique untrusted key met on a local connection with no pin yet is pinned
 *                      (and so accepted as {@code PINNED}); off: it is only warned about
 * @param revocation    what a trusted verdict needs to know about revocation: off, soft-fail (default) or hard-fail
 * @param online        whether (and how) the ladder asks the OCSP responder and CRL a trusted leaf names when
 *                      nothing usable was stapled; on by default, as in a browser
 * @param locality      what counts as local (DESIGN.md §3)
 * @param deadline      the longest one decision (and a probe's connection) may take; default 2 s
 */
public record TrustConfig(List<Cert> publicRoots, List<Cert> localAnchors, List<Cert> vendorAnchors,
                          List<Cert> attestationAnchors, CompromisedKeys compromised, FleetView fleet, Optional<PinStore> pins, boolean pinOnFirstUse,
                          RevocationPolicy revocation, OnlineRevocation online, Locality locality, Duration deadline) {
    public TrustConfig {
        publicRoots = List.copyOf(publicRoots);
        localAnchors = List.copyOf(localAnchors);
        vendorAnchors = List.copyOf(vendorAnchors);
        attestationAnchors = List.copyOf(attestationAnchors);
        Objects.requireNonNull(compromised, "compromised");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(online, "online");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive, not " + deadline);
        }
        if (pinOnFirstUse && pins.isEmpty()) {
            throw new IllegalArgumentException("pinning on first use needs a pin store");
        }
    }

    /**
     * The given anchors; nothing compromised, no pins, soft-fail revocation with online fetching ({@link
     * OnlineRevocation#defaults()}), default locality, 2 s.
     */
    public static TrustConfig of(List<Cert> publicRoots, List<Cert> localAnchors, List<Cert> vendorAnchors) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, List.of(), CompromisedKeys.none(), FleetView.single(),
                Optional.empty(), false, RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults(), Locality.defaults(), Duration.ofSeconds(2));
    }

    public TrustConfig withCompromised(CompromisedKeys keys) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, attestationAnchors, keys, fleet, pins, pinOnFirstUse, revocation,
                online, locality, deadline);
    }

    public TrustConfig withFleet(FleetView f) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, attestationAnchors, compromised, f, pins, pinOnFirstUse, revocation,
                online, locality, deadline);
    }

    /** Pins read from and, when {@code pinOnFirst} is true, written to this store. */
    public TrustConfig withPins(PinStore store, boolean pinOnFirst) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, attestationAnchors, compromised, fleet, Optional.of(store), pinOnFirst,
                revocation, online, locality, deadline);
    }

    public TrustConfig withRevocation(RevocationPolicy policy) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, attestationAnchors, compromised, fleet, pins, pinOnFirstUse, policy,
                online, locality, deadline);
    }

    public TrustConfig withLocality(Locality l) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, attestationAnchors, compromised, fleet, pins, pinOnFirstUse,
                revocation, online, l, deadline);
    }

    public TrustConfig withDeadline(Duration d) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, attestationAnchors, compromised, fleet, pins, pinOnFirstUse,
                revocation, online, locality, d);
    }

    /** Attestation authorities ({@code TRUSTED_ATTESTED}); none by default. */
    public TrustConfig withAttestationAnchors(List<Cert> anchors) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, anchors, compromised, fleet, pins, pinOnFirstUse,
                revocation, online, locality, deadline);
    }

    /** How revocation is fetched online when nothing usable was stapled; {@link OnlineRevocation#disabled()}: never. */
    public TrustConfig withOnlineRevocation(OnlineRevocation o) {
        return new TrustConfig(publicRoots, localAnchors, vendorAnchors, attestationAnchors, compromised, fleet, pins, pinOnFirstUse,
                revocation, o, locality, deadline);
    }

    /** No network fetches for revocation: only a stapled response counts. */
    public TrustConfig withoutOnlineRevocation() {
        return withOnlineRevocation(OnlineRevocation.disabled());
    }
}
