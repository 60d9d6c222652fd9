package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The trust engine's path decision: builds paths from the leaf over the presented and known
 * certificates to the configured anchors, validates them (RFC 5280 §6, ours), matches the host
 * name (RFC 6125) and applies the id-kp-localDevice rule. Never throws on bad input: any
 * problem is a {@link PathResult} with a {@link Reason}. Thread-safe; build one per trust
 * configuration and share it.
 */
public final class TrustEngine {
    private final List<Anchor> anchors;
    private final List<Node> anchorNodes;
    private final List<Node> known;
    private final EngineSettings settings;
    private final Clock clock;
    private final Signatures signatures = new Signatures();
    private final NodeCache nodeCache = new NodeCache();
    private final PathCache pathCache = new PathCache();
    private final PathValidator validator;

    /**
     * @param anchors trust anchors of any kind
     * @param known   further certificates path building may use (cached intermediates, cross-signs)
     * @param settings bounds and the id-kp-localDevice OID
     * @param clock   the verification time when a request names none, and the deadline's clock
     */
    public TrustEngine(List<Anchor> anchors, List<Cert> known, EngineSettings settings, Clock clock) {
        this.anchors = List.copyOf(anchors);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<Node> a = new ArrayList<>();
        for (Anchor anchor : this.anchors) {
            a.add(Node.of(anchor.cert()));
        }
        this.anchorNodes = List.copyOf(a);
        this.known = nodes(known);
        this.validator = new PathValidator(signatures, settings);
    }

    /** Verifies one presented chain; every failure, bad input included, is a result. */
    public PathResult verify(VerifyRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return decide(request);
        } catch (RuntimeException e) {
            return PathResult.failed(Reason.MALFORMED, "unusable certificate data (" + e.getMessage() + ")",
                    List.of(request.leaf()), Optional.empty(), false);
        }
    }

    private PathResult decide(VerifyRequest request) {
        Instant time = request.time().orElseGet(clock::instant);
        Node leaf = nodeCache.node(request.leaf());
        boolean localDevice = leaf.ekus != null && leaf.ekus.contains(settings.localDeviceEku());
        Optional<PathCache.Key> key = PathCache.Key.of(request);
        if (key.isPresent()) {
            Optional<PathCache.Entry> hit = pathCache.get(key.get(), time);
            if (hit.isPresent()) {
                // The same chain validated before, for a time within every certificate's validity: the
                // checks that depend on this request alone still run.
                return conclude(leaf, request, hit.get().path(), Optional.of(hit.get().kind()), Optional.empty(),
                        localDevice);
            }
        }
        Set<Node> pool = new LinkedHashSet<>(nodes(request.presented()));
        pool.addAll(known);
        pool.remove(leaf);
        if (pool.size() > 4 * settings.maxCandidates()) {
            return PathResult.failed(Reason.SEARCH_LIMIT, "too many certificates presented (" + pool.size() + ")",
                    List.of(request.leaf()), Optional.empty(), localDevice);
        }
        CrlChecker crls = CrlChecker.of(request.crls(), request.requireRevocation(), List.copyOf(pool), signatures);
        PathBuilder builder = new PathBuilder(List.copyOf(pool), anchors, anchorNodes, validator, settings, clock,
                time, request, crls);
        PathBuilder.Outcome outcome = builder.build(leaf);
        List<Cert> path = certs(outcome, leaf);
        Optional<AnchorKind> kind = outcome.anchor().map(Anchor::kind);
        if (outcome.failure().isEmpty() && key.isPresent()) {
            pathCache.put(key.get(), path, kind.orElseThrow());
        }
        return conclude(leaf, request, path, kind, outcome.failure(), localDevice);
    }

    /** The path's outcome with the checks that depend on the request alone: locality, key usage, the host. */
    private PathResult conclude(Node leaf, VerifyRequest request, List<Cert> path, Optional<AnchorKind> kind,
                                Optional<Failure> pathFailure, boolean localDevice) {
        Optional<Failure> notLocal = localDeviceRule(leaf, request);
        if (notLocal.isPresent()) {
            // Whatever the path: this certificate is for a local device only (DESIGN.md §3, REJECTED).
            return PathResult.failed(notLocal.get().reason(), notLocal.get().message(), path, kind, localDevice);
        }
        if (pathFailure.isPresent()) {
            Failure f = pathFailure.get();
            return PathResult.failed(f.reason(), f.message(), path, kind, localDevice);
        }
        Optional<Failure> leafFailure = leafChecks(leaf, request);
        if (leafFailure.isPresent()) {
            return PathResult.failed(leafFailure.get().reason(), leafFailure.get().message(), path, kind, localDevice);
        }
        return PathResult.valid(path, kind.orElseThrow(), localDevice);
    }

    /**
     * The CRL status (RFC 5280 §6.3, {@link CrlChecker}) of {@code path.get(index)}, the certificates after it
     * being its validated issuers up to the anchor: a CRL counts when it is current at {@code at}, in scope
     * for the certificate and signed by its issuer (or a CRL signer that issuer certified). For fetched CRLs:
     * the path is one this engine validated. Never throws on bad input: unusable CRLs cover nothing.
     *
     * @throws IllegalArgumentException if {@code index} does not name a certificate with an issuer in the path
     */
    public CrlStatus crlStatus(List<Cert> path, int index, List<byte[]> crls, Instant at) {
        if (index < 0 || index + 1 >= path.size()) {
            throw new IllegalArgumentException("certificate " + index + " has no issuer in a path of " + path.size());
        }
        Optional<Instant> next = Optional.empty();
        try {
            for (byte[] der : crls) {
                Optional<Instant> n = new Crl(der).nextUpdate;
                if (n.isPresent() && (next.isEmpty() || n.get().isBefore(next.get()))) {
                    next = n;
                }
            }
        } catch (RuntimeException e) {
            return new CrlStatus(CrlStatus.State.MALFORMED, "not a CRL (" + e.getMessage() + ")", Optional.empty());
        }
        try {
            List<Node> nodes = nodes(path);
            if (nodes.size() != path.size()) {
                return new CrlStatus(CrlStatus.State.NOT_COVERED, "the path holds an unusable certificate", next);
            }
            Node cert = nodes.get(index);
            Node issuer = nodes.get(index + 1);
            CrlChecker checker = CrlChecker.of(crls, true, nodes, signatures);
            Optional<Failure> f = checker.check(cert, issuer, issuer.asn1.getSubjectPublicKeyInfo(), at,
                    List.copyOf(nodes.subList(index + 1, nodes.size())));
            if (f.isEmpty()) {
                return new CrlStatus(CrlStatus.State.GOOD, "not listed by a current CRL of '" + issuer.label() + "'", next);
            }
            return f.get().reason() == Reason.REVOKED ? new CrlStatus(CrlStatus.State.REVOKED, f.get().message(), next)
                    : new CrlStatus(CrlStatus.State.NOT_COVERED, "no current CRL signed by '" + issuer.label()
                    + "' covers it", next);
        } catch (RuntimeException e) {
            return new CrlStatus(CrlStatus.State.NOT_COVERED, "unusable CRL data (" + e.getMessage() + ")", next);
        }
    }

    /** Checks that depend on the leaf and the request only. */
    private Optional<Failure> localDeviceRule(Node leaf, VerifyRequest request) {
        if (leaf.ekus != null && leaf.ekus.contains(settings.localDeviceEku()) && !request.connection().local()) {
            return Optional.of(Failure.of(Reason.LOCAL_DEVICE_NOT_LOCAL, leaf,
                    "certificate is for a local device only (id-kp-localDevice) and " + request.connection().reason()));
        }
        return Optional.empty();
    }

    private Optional<Failure> leafChecks(Node leaf, VerifyRequest request) {
        if (leaf.keyUsage != null) {
            for (String bit : request.leafKeyUsage()) {
                Integer mask = KeyUsages.bit(bit);
                if (mask == null || !leaf.keyUsage.hasUsages(mask)) {
                    return Optional.of(Failure.of(Reason.KEY_USAGE, leaf, "keyUsage lacks " + bit));
                }
            }
        }
        if (request.peerName().isPresent() && !HostNames.matches(leaf, request.peerName().get())) {
            return Optional.of(Failure.of(Reason.HOST_MISMATCH, leaf, "not valid for '" + request.peerName().get()
                    + "' (RFC 6125: subjectAltName " + (request.peerName().get().isAddress() ? "iPAddress" : "dNSName")
                    + " entries only)"));
        }
        return Optional.empty();
    }

    private static List<Cert> certs(PathBuilder.Outcome outcome, Node leaf) {
        List<Cert> out = new ArrayList<>();
        List<Node> chain = outcome.chain();
        for (int i = chain.size() - 1; i >= 0; i--) {
            out.add(chain.get(i).cert);
        }
        if (out.isEmpty()) {
            out.add(leaf.cert);
        }
        outcome.anchor().ifPresent(a -> {
            if (!out.getLast().equals(a.cert())) {
                out.add(a.cert());
            }
        });
        return out;
    }

    private List<Node> nodes(List<Cert> certs) {
        List<Node> out = new ArrayList<>();
        for (Cert c : certs) {
            try {
                out.add(nodeCache.node(c));
            } catch (RuntimeException e) {
                // An unparseable extra certificate is junk: path building ignores it.
            }
        }
        return out;
    }
}
