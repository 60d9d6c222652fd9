package io.localtrust.ladder;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.KnownPath;
import io.localtrust.practice.Practice;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.trust.Anchor;
import io.localtrust.trust.AnchorKind;
import io.localtrust.trust.Connection;
import io.localtrust.trust.EngineSettings;
import io.localtrust.trust.PathResult;
import io.localtrust.trust.PeerName;
import io.localtrust.trust.Reason;
import io.localtrust.trust.TrustEngine;
import io.localtrust.trust.VerifyRequest;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The decision ladder (DESIGN.md §3): one {@link Verdict} for one connection.
 * <ol>
 *   <li>a published (compromised) key, a correctly signed "revoked" for the leaf or a CA of its path (stapled, from the OCSP
 *       responder or the CRL), id-kp-localDevice off the
 *       LAN, a violated anchor constraint, or a chain that reaches an anchor and breaks its rules →
 *       {@code REJECTED};</li>
 *   <li>a valid path for the host to a public root → {@code TRUSTED_PUBLIC};</li>
 *   <li>to a local gateway anchor, on a local connection → {@code TRUSTED_LOCAL} (off the LAN: rejected);</li>
 *   <li>to a vendor anchor with id-kp-localDevice, on a local connection → {@code TRUSTED_VENDOR};</li>
 *   <li>an attestation token from a configured attestation anchor binding the TLS key, on a local connection,
 *       the leaf valid now and for the host → {@code TRUSTED_ATTESTED} ({@link AttestationRung});</li>
 *   <li>a pin for the endpoint: another key → {@code WARN_KEY_CHANGED}; the same key on a local connection
 *       → {@code PINNED}; no pin, pinning on, a unique untrusted key, local → pinned now, {@code PINNED};</li>
 *   <li>otherwise the warning naming the practice ({@code WARN_U_SS}, {@code WARN_NU_SS}, …).</li>
 * </ol>
 * The practice comes from module practice's {@link Classifier} (with the configured fleet view and
 * compromised keys). A device status token, when given, is verified (module tokens) and recorded
 * as a reason; it does not move the verdict. Never throws: any failure is {@code REJECTED} with
 * the reason. Thread-safe.
 */
public final class Ladder {
    /** More presented certificates than this are refused before any work (a TLS chain is a handful). */
    public static final int MAX_PRESENTED = 64;
    private static final Set<Reason> ALWAYS_REJECTED = EnumSet.of(Reason.LOCAL_DEVICE_NOT_LOCAL, Reason.REVOKED,
            Reason.NAME_CONSTRAINTS, Reason.MALFORMED, Reason.SEARCH_LIMIT, Reason.BAD_INPUT);

    private final TrustConfig config;
    private final Clock clock;
    private final TrustEngine engine;
    private final TrustContext context;
    private final Classifier classifier = Classifier.standard();
    private final TokenCheck tokens;
    private final AttestationRung attestations;
    private final RevocationCheck revocation;

    public Ladder(TrustConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<Anchor> anchors = new ArrayList<>();
        config.publicRoots().forEach(c -> anchors.add(Anchor.of(c, AnchorKind.PUBLIC)));
        config.localAnchors().forEach(c -> anchors.add(Anchor.of(c, AnchorKind.LOCAL_GATEWAY)));
        config.vendorAnchors().forEach(c -> anchors.add(Anchor.of(c, AnchorKind.VENDOR)));
        this.engine = new TrustEngine(anchors, List.of(), EngineSettings.defaults().withDeadline(config.deadline()), clock);
        this.context = new TrustContext(new AnchorSet(AnchorSet.Kind.PUBLIC, "public roots", config.publicRoots()),
                new AnchorSet(AnchorSet.Kind.LOCAL, "local anchors", config.localAnchors()),
                new AnchorSet(AnchorSet.Kind.VENDOR, "vendor anchors", config.vendorAnchors()), config.compromised());
        this.tokens = new TokenCheck(clock);
        this.attestations = new AttestationRung(config, clock);
        this.revocation = new RevocationCheck(config.revocation(), config.online(), engine);
    }

    public TrustConfig config() {
        return config;
    }

    /** Decides one connection; never throws. */
    public Decision decide(TlsPeer peer) {
        Objects.requireNonNull(peer, "peer");
        try {
            return climb(peer);
        } catch (RuntimeException e) {
            return rejectedInput(peer, "INTERNAL", "the decision failed: " + e.getMessage());
        }
    }

    private Decision climb(TlsPeer peer) {
        long deadlineNanos = System.nanoTime() + config.deadline().toNanos();
        List<Cert> chain = peer.chain();
        if (chain.isEmpty()) {
            return rejectedInput(peer, Reason.BAD_INPUT.name(), "no certificate was presented");
        }
        if (chain.size() > MAX_PRESENTED) {
            return rejectedInput(peer, Reason.BAD_INPUT.name(), chain.size() + " certificates presented (at most "
                    + MAX_PRESENTED + " are considered)");
        }
        Instant now = clock.instant();
        Cert leaf = chain.getFirst();
        List<DecisionReason> reasons = new ArrayList<>();
        Connection conn = peer.peerAddress().map(a -> Connection.of(peer.host(), a, config.locality()))
                .orElse(Connection.unknown());
        reasons.add(new DecisionReason("CONNECTION", (conn.local() ? "local: " : "not local: ") + conn.reason()));
        PathResult path = engine.verify(VerifyRequest.server(chain, PeerName.of(peer.host()), conn).at(now));
        reasons.add(path.valid()
                ? new DecisionReason("PATH_VALID", path.message() + " (" + path.anchorKind().orElseThrow() + " anchor)")
                : new DecisionReason(path.reason().orElseThrow().name(), path.message()));
        DeviceAssessment assessment = classify(peer, now, path);
        Practice practice = assessment.practice();
        reasons.add(new DecisionReason("PRACTICE", practice + " (" + practice.seedLabel() + "): " + assessment.reason()));
        peer.statusToken().map(t -> tokens.check(t, leaf, peer.host())).ifPresent(reasons::add);
        RevocationCheck.Result status = revocation.check(peer, leaf, path, now, deadlineNanos);
        reasons.addAll(status.reasons());
        Ctx ctx = new Ctx(peer, leaf, path, practice, reasons);

        Optional<CompromisedKeys.Match> published = config.compromised().match(leaf);
        if (published.isPresent()) {
            reasons.add(new DecisionReason("COMPROMISED_KEY", "the private key is published in "
                    + published.get().source() + (published.get().detail().isBlank() ? "" : " (" + published.get().detail() + ")")));
            Practice shown = practice == Practice.NU_SS || practice == Practice.NU_US ? practice
                    : leaf.selfSigned() ? Practice.NU_SS : Practice.NU_US;
            return ctx.decide(Verdict.REJECTED, Texts.warning(shown, leaf, "") + " (its private key is published)");
        }
        if (status.state() == RevocationCheck.State.REVOKED) {
            Cert revoked = status.revoked().orElse(leaf);
            if (!revoked.equals(leaf)) {
                reasons.add(new DecisionReason("REVOKED_ISSUER", "issuing CA '" + revoked.label() + "' of the path is revoked"));
                return ctx.decide(Verdict.REJECTED, Texts.rejected("the authority '" + revoked.label() + "' that certified '"
                        + peer.host() + "' is revoked"));
            }
            return ctx.decide(Verdict.REJECTED, Texts.rejected("the certificate of '" + peer.host() + "' is revoked"));
        }
        if (!path.valid()) {
            Reason r = path.reason().orElseThrow();
            if (ALWAYS_REJECTED.contains(r) || path.anchorKind().isPresent()) {
                return ctx.decide(Verdict.REJECTED, Texts.rejected(rejectionText(r, path, peer.host())));
            }
        } else {
            Optional<Decision> trusted = trustedRung(ctx, conn, status);
            if (trusted.isPresent()) {
                return trusted.get();
            }
        }
        Optional<Decision> attested = attestations.decide(ctx, conn);
        if (attested.isPresent()) {
            return attested.get();
        }
        return new PinRung(config, ctx).decide(conn, practice, issuerLabel(leaf, chain));
    }

    private Optional<Decision> trustedRung(Ctx ctx, Connection conn, RevocationCheck.Result status) {
        PathResult path = ctx.path();
        Cert anchor = path.path().getLast();
        String host = ctx.peer().host();
        Verdict verdict;
        String text;
        switch (path.anchorKind().orElseThrow()) {
            case PUBLIC -> {
                verdict = Verdict.TRUSTED_PUBLIC;
                text = Texts.trustedPublic(host, anchor);
            }
            case LOCAL_GATEWAY -> {
                if (!conn.local()) {
                    ctx.reasons().add(new DecisionReason("NOT_LOCAL", "certified by the local gateway '"
                            + Texts.owner(anchor) + "', but " + conn.reason()));
                    return Optional.of(ctx.decide(Verdict.REJECTED, Texts.rejected("a certificate from your gateway for '"
                            + host + "' was presented over a connection that is not local")));
                }
                verdict = Verdict.TRUSTED_LOCAL;
                text = Texts.trustedLocal(host, anchor);
            }
            default -> {
                if (!conn.local() || !path.localDevice()) {
                    ctx.reasons().add(new DecisionReason("VENDOR_NOT_ENOUGH", "chains to vendor anchor '"
                            + Texts.owner(anchor) + "', but " + (!conn.local() ? conn.reason()
                            : "the certificate lacks id-kp-localDevice")));
                    return Optional.empty();
                }
                verdict = Verdict.TRUSTED_VENDOR;
                text = Texts.trustedVendor(host, anchor);
            }
        }
        if (config.revocation() == RevocationPolicy.HARD_FAIL && status.state() != RevocationCheck.State.GOOD) {
            ctx.reasons().add(new DecisionReason("REVOCATION_UNKNOWN", "revocation policy is hard-fail and no good, fresh, "
                    + "correctly signed answer (for the leaf and each issuing CA that names a source) came from a staple" + (config.online().enabled()
                    ? ", the OCSP responder or the CRL" : " (online checking is off)")));
            return Optional.of(ctx.decide(Verdict.REJECTED, Texts.rejected("the revocation status of '" + host
                    + "' is unknown")));
        }
        if (status.state() == RevocationCheck.State.UNKNOWN && !status.reasons().isEmpty()
                && config.revocation() == RevocationPolicy.SOFT_FAIL) {
            ctx.reasons().add(new DecisionReason("REVOCATION_SOFT_FAIL",
                    "no source gave a revocation status; the policy is soft-fail, so the verdict stands"));
        }
        return Optional.of(ctx.decide(verdict, text));
    }

    /** The practice; a valid path of the engine is handed over, so the classifier does not validate it again. */
    private DeviceAssessment classify(TlsPeer peer, Instant now, PathResult path) {
        CertChain chain = new CertChain(peer.chain());
        TlsObservation tls = new TlsObservation(Optional.empty(), Optional.empty(), chain, peer.stapledOcsp(),
                true);
        DeviceObservation device = new DeviceObservation(peer.peerAddress().map(a -> a.getHostAddress()),
                peer.endpoint(), now, List.of(EndpointObservation.https(peer.port(), tls)));
        Optional<KnownPath> known = path.valid()
                ? Optional.of(new KnownPath(peer.chain().getFirst(), path.path().getLast(), now)) : Optional.empty();
        return classifier.classify(device, context, config.fleet(), known);
    }

    private static String rejectionText(Reason r, PathResult path, String host) {
        return switch (r) {
            case LOCAL_DEVICE_NOT_LOCAL -> "this certificate is for a device on your local network, and '" + host
                    + "' was not reached over a local connection";
            case NAME_CONSTRAINTS -> "the authority that certified '" + host + "' may not vouch for that name";
            case REVOKED -> "the certificate of '" + host + "' is revoked";
            case HOST_MISMATCH -> "the certificate is not for '" + host + "'";
            case EXPIRED, NOT_YET_VALID -> "the certificate of '" + host + "' is not valid at this time";
            case MALFORMED, BAD_INPUT, SEARCH_LIMIT -> "the certificate data is unusable (" + path.message() + ")";
            default -> "the certificate of '" + host + "' breaks its authority's rules (" + r + ")";
        };
    }

    private static String issuerLabel(Cert leaf, List<Cert> chain) {
        return chain.stream().filter(c -> !c.equals(leaf) && c.issued(leaf)).findFirst().map(Cert::label)
                .orElse(leaf.issuer());
    }

    private static Decision rejectedInput(TlsPeer peer, String code, String message) {
        return Decision.rejected(code, message, peer.chain());
    }

    /** The state one decision carries from rung to rung. */
    record Ctx(TlsPeer peer, Cert leaf, PathResult path, Practice practice, List<DecisionReason> reasons) {
        Decision decide(Verdict verdict, String text) {
            return new Decision(verdict, Optional.of(practice), reasons, text, peer.chain(), path.path());
        }
    }
}
