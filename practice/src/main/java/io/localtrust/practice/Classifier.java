package io.localtrust.practice;

import io.localtrust.lint.Finding;
import io.localtrust.lint.Linter;
import io.localtrust.practice.DeviceAssessment.AnchorMatch;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.Scheme;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a device's practice (DESIGN.md §2):
 * <ol>
 *   <li>no TLS endpoint answered, an HTTP one did → {@code NONE};</li>
 *   <li>a chain validates (RFC 5280, at observation time, no host name) to a public root →
 *       {@code U_CAS}; to a local anchor → {@code U_LS};</li>
 *   <li>a self-signed leaf → {@code NU_SS} if shared, else {@code U_SS};</li>
 *   <li>anything else (vendor or unknown issuer) → {@code NU_US} if shared, else {@code U_US}.</li>
 * </ol>
 * A key is shared when the fleet view saw it on two or more devices or it is in the
 * compromised-key set. A device with several TLS endpoints gets the worst of their practices:
 * it is as trustworthy as its weakest door. An expired chain is classified by the anchor it
 * validates to within its own validity window, and reported {@code EXPIRED}: an expired public
 * certificate is still a U-CA/S practice, badly run.
 */
public final class Classifier {
    private final ChainValidator validator;
    private final Linter linter;

    public Classifier(ChainValidator validator, Linter linter) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.linter = Objects.requireNonNull(linter, "linter");
    }

    /** With the standard validator and lint set. */
    public static Classifier standard() {
        return new Classifier(new ChainValidator(), Linter.standard());
    }

    /**
     * Classifies one device.
     *
     * @throws IllegalArgumentException if no endpoint of the device answered (nothing to classify)
     */
    public DeviceAssessment classify(DeviceObservation device, TrustContext context, FleetView fleet) {
        return classify(device, context, fleet, Optional.empty());
    }

    /**
     * Classifies one device, taking a path already validated elsewhere (the trust engine's) as the
     * answer for its leaf, its anchor's set and its time instead of building one again.
     *
     * @throws IllegalArgumentException if no endpoint of the device answered (nothing to classify)
     */
    public DeviceAssessment classify(DeviceObservation device, TrustContext context, FleetView fleet,
                                     Optional<KnownPath> known) {
        Objects.requireNonNull(known, "known");
        Instant at = device.observedAt();
        List<ChainResult> results = new ArrayList<>();
        Set<Finding> findings = new LinkedHashSet<>();
        for (EndpointObservation e : device.endpoints()) {
            e.error().ifPresent(err -> findings.add(Findings.ENDPOINT_ERROR.with(endpointName(e) + ": " + err)));
            e.tls().ifPresent(tls -> results.add(classifyChain(tls, context, fleet, at, known)));
        }
        boolean anyTls = !results.isEmpty();
        boolean anyHttp = device.endpoints().stream().anyMatch(e -> e.scheme() == Scheme.HTTP && e.answered());
        if (!anyTls) {
            if (!anyHttp) {
                throw new IllegalArgumentException(device.source() + ": no endpoint answered; nothing to classify");
            }
            findings.add(Findings.NO_TLS.generic());
            return new DeviceAssessment(device, Practice.NONE, Uniqueness.ASSUMED, Optional.empty(), List.copyOf(findings));
        }
        for (EndpointObservation e : device.endpoints()) {
            if (e.scheme() == Scheme.HTTP && e.redirectsToHttps().orElse(true).equals(Boolean.FALSE)) {
                findings.add(Findings.HTTP_NOT_REDIRECTED.with(endpointName(e)
                        + " serves plain HTTP without redirecting to HTTPS: users can be downgraded"));
            }
        }
        ChainResult worst = results.get(0);
        for (ChainResult r : results) {
            findings.addAll(r.findings());
            if (r.practice().rank() < worst.practice().rank()) {
                worst = r;
            }
        }
        Uniqueness uniqueness = results.stream().anyMatch(ChainResult::shared) ? Uniqueness.SHARED
                : fleet.deviceCount() >= 2 ? Uniqueness.CONFIRMED : Uniqueness.ASSUMED;
        return new DeviceAssessment(device, worst.practice(), uniqueness, worst.anchor(), List.copyOf(findings));
    }

    private record ChainResult(Practice practice, boolean shared, Optional<AnchorMatch> anchor, List<Finding> findings) {
    }

    private ChainResult classifyChain(TlsObservation tls, TrustContext ctx, FleetView fleet, Instant at,
                                      Optional<KnownPath> known) {
        Cert leaf = tls.chain().leaf();
        List<Finding> findings = new ArrayList<>();
        Instant validationTime = leaf.isValidAt(at) ? at
                : at.isAfter(leaf.notAfter()) ? leaf.notAfter().minusSeconds(1) : leaf.notBefore().plusSeconds(1);
        Optional<AnchorMatch> anchor = validate(tls, ctx.publicRoots(), validationTime, known)
                .or(() -> validate(tls, ctx.localAnchors(), validationTime, known))
                .or(() -> validate(tls, ctx.vendorAnchors(), validationTime, known));
        boolean publiclyTrusted = anchor.map(a -> a.kind() == AnchorSet.Kind.PUBLIC).orElse(false);
        findings.addAll(linter.lintChain(tls.chain(), at, publiclyTrusted));

        int devices = fleet.devicesWithKey(leaf.fingerprints().spkiSha256());
        var compromised = ctx.compromised().match(leaf);
        boolean shared = devices >= 2 || compromised.isPresent();
        if (devices >= 2) {
            findings.add(Findings.SHARED_KEY.with("the same key (dev-id " + leaf.fingerprints().devId() + ") is presented by "
                    + devices + " devices: whoever holds one can impersonate all of them"));
        }
        compromised.ifPresent(m -> findings.add(Findings.COMPROMISED_KEY.with("the private key is published in "
                + m.source() + (m.detail().isBlank() ? "" : " (" + m.detail() + ")") + ": anyone can impersonate this device")));
        findings.addAll(Revocation.check(tls, anchor.map(AnchorMatch::anchor), at));

        Practice practice;
        if (anchor.isPresent() && anchor.get().kind() == AnchorSet.Kind.PUBLIC) {
            practice = Practice.U_CAS;
            findings.add(Findings.PUBLIC_ANCHOR.with("chains to public root '" + anchor.get().anchor().label() + "'"));
        } else if (anchor.isPresent() && anchor.get().kind() == AnchorSet.Kind.LOCAL) {
            practice = Practice.U_LS;
            findings.add(Findings.LOCAL_ANCHOR.with("certified by local anchor '" + anchor.get().anchor().label() + "'"));
        } else if (leaf.selfSigned()) {
            practice = shared ? Practice.NU_SS : Practice.U_SS;
            findings.add(Findings.SELF_SIGNED.with("self-signed ('" + leaf.label()
                    + "'): nothing vouches for this key, and browsers warn"));
        } else {
            practice = shared ? Practice.NU_US : Practice.U_US;
            if (anchor.isPresent()) {
                findings.add(Findings.VENDOR_ANCHOR.with("chains to vendor anchor '" + anchor.get().anchor().label()
                        + "': a genuine device of that vendor, ownership unknown"));
            } else {
                findings.add(Findings.UNTRUSTED_ISSUER.with("issued by '" + issuerLabel(tls, leaf)
                        + "', which is not a trusted root here: browsers warn"));
            }
        }
        return new ChainResult(practice, shared, anchor, findings);
    }

    private Optional<AnchorMatch> validate(TlsObservation tls, AnchorSet set, Instant when, Optional<KnownPath> known) {
        Optional<KnownPath> proved = known.filter(k -> k.at().equals(when) && k.leaf().equals(tls.chain().leaf())
                && set.certs().contains(k.anchor()));
        if (proved.isPresent()) {
            return Optional.of(new AnchorMatch(set.kind(), proved.get().anchor(), set.source()));
        }
        return validator.validate(tls.chain(), set, when)
                .map(v -> new AnchorMatch(set.kind(), v.anchor(), set.source()));
    }

    private static String issuerLabel(TlsObservation tls, Cert leaf) {
        return tls.chain().certs().stream().filter(c -> c.issued(leaf) && c != leaf).findFirst()
                .map(Cert::label).orElse(leaf.issuer());
    }

    private static String endpointName(EndpointObservation e) {
        return e.scheme().id() + (e.port().isPresent() ? " port " + e.port().getAsInt() : "");
    }
}
