package io.localtrust.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Depth-first path building from the leaf up, over every presented and known certificate, in
 * the spirit of RFC 4158 and Chrome's path builder: candidates issuers are those whose subject
 * names the certificate's issuer, tried best first (trust anchors, then a matching key
 * identifier, then validity at the verification time, then the newest); a certificate (or the
 * same subject and key) appears at most once on a path, so loops end; every complete path is
 * validated and the first valid one wins, so a failing path leads to the next alternative (the
 * "chain of pain"). Bounded by a deadline, a cap on complete paths tried and a depth.
 */
final class PathBuilder {

    /** How many candidate issuers may be considered per complete path allowed (100 × 100 by default). */
    private static final long MAX_EXPANSIONS_PER_CANDIDATE = 100;

    /** A candidate issuer: a certificate from the pool, or an anchor. */
    private record Candidate(Node node, Optional<Anchor> anchor) {
    }

    /** What the search found. */
    record Outcome(Optional<Failure> failure, List<Node> chain, Optional<Anchor> anchor) {
    }

    private final List<Node> pool;
    private final List<Anchor> anchors;
    private final List<Node> anchorNodes;
    private final PathValidator validator;
    private final EngineSettings settings;
    private final Clock clock;
    private final Instant time;
    private final VerifyRequest request;
    private final CrlChecker crls;
    private final long deadlineMillis;
    private int attempts;
    /** Candidate issuers considered, complete or not: bounds the search when no anchor is reachable. */
    private long expansions;
    private boolean stopped;
    private Outcome firstFailure;

    PathBuilder(List<Node> pool, List<Anchor> anchors, List<Node> anchorNodes, PathValidator validator,
                EngineSettings settings, Clock clock, Instant time, VerifyRequest request, CrlChecker crls) {
        this.pool = pool;
        this.anchors = anchors;
        this.anchorNodes = anchorNodes;
        this.validator = validator;
        this.settings = settings;
        this.clock = clock;
        this.time = time;
        this.request = request;
        this.crls = crls;
        this.deadlineMillis = clock.millis() + settings.deadline().toMillis();
    }

    Outcome build(Node leaf) {
        List<Node> path = new ArrayList<>();
        path.add(leaf);
        // The leaf itself may be trusted (a pinned or directly trusted certificate).
        for (int i = 0; i < anchors.size(); i++) {
            if (anchors.get(i).role().trustsLeaf() && anchorNodes.get(i).equals(leaf)) {
                Optional<Outcome> done = attempt(anchors.get(i), anchorNodes.get(i), List.of());
                if (done.isPresent()) {
                    return done.get();
                }
            }
        }
        Optional<Outcome> found = extend(path);
        if (found.isPresent()) {
            return found.get();
        }
        if (stopped) {
            String tried = firstFailure == null ? "" : "; first path failed: " + firstFailure.failure().get().message();
            Failure f = new Failure(Reason.SEARCH_LIMIT, "path building stopped at its limit (" + attempts
                    + " paths tried, " + expansions + " candidates considered, cap " + settings.maxCandidates()
                    + ", deadline " + settings.deadline().toMillis() + " ms)" + tried);
            return firstFailure == null ? new Outcome(Optional.of(f), List.of(leaf), Optional.empty())
                    : new Outcome(Optional.of(f), firstFailure.chain(), firstFailure.anchor());
        }
        if (firstFailure != null) {
            return firstFailure;
        }
        return new Outcome(Optional.of(Failure.of(Reason.NO_PATH_TO_ANCHOR, leaf, "no path to a trust anchor")),
                List.of(leaf), Optional.empty());
    }

    /** Extends {@code path} (leaf first) upwards; returns a valid outcome, or empty to keep looking. */
    private Optional<Outcome> extend(List<Node> path) {
        Node top = path.getLast();
        for (Candidate c : candidates(top, path)) {
            if (outOfBudget()) {
                return Optional.empty();
            }
            if (c.anchor().isPresent()) {
                List<Node> chain = new ArrayList<>(path);
                java.util.Collections.reverse(chain);
                Optional<Outcome> done = attempt(c.anchor().get(), c.node(), chain);
                if (done.isPresent()) {
                    return done;
                }
            } else if (logicalLength(path) + 1 < settings.maxDepth() && path.size() < 2 * settings.maxDepth()) {
                path.add(c.node());
                Optional<Outcome> done = extend(path);
                path.removeLast();
                if (done.isPresent()) {
                    return done;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Outcome> attempt(Anchor anchor, Node root, List<Node> chain) {
        attempts++;
        Optional<Failure> f = validator.validate(anchor, root, chain, time, request, crls);
        Outcome o = new Outcome(f, chain, Optional.of(anchor));
        if (f.isEmpty()) {
            return Optional.of(o);
        }
        if (firstFailure == null) {
            firstFailure = o;
        }
        return Optional.empty();
    }

    private boolean outOfBudget() {
        expansions++;
        if (!stopped && (attempts >= settings.maxCandidates() || expansions > MAX_EXPANSIONS_PER_CANDIDATE
                * settings.maxCandidates() || clock.millis() > deadlineMillis)) {
            stopped = true;
        }
        return stopped;
    }

    private final java.util.Map<Node, List<Candidate>> candidateCache = new java.util.HashMap<>();

    /** The child's candidate issuers not already on the path, best first (sorted once per child). */
    private List<Candidate> candidates(Node child, List<Node> path) {
        List<Candidate> all = candidateCache.computeIfAbsent(child, this::rankedCandidates);
        List<Candidate> out = new ArrayList<>(all.size());
        for (Candidate c : all) {
            if (c.anchor().isPresent() || !onPath(c.node(), path)) {
                out.add(c);
            }
        }
        return out;
    }

    private List<Candidate> rankedCandidates(Node child) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            Node a = anchorNodes.get(i);
            if (anchors.get(i).role().anchors() && a.couldIssue(child) && !a.equals(child)) {
                out.add(new Candidate(a, Optional.of(anchors.get(i))));
            }
        }
        for (Node n : pool) {
            if (n.couldIssue(child) && !n.equals(child) && !anchorNodes.contains(n)) {
                out.add(new Candidate(n, Optional.empty()));
            }
        }
        out.sort(Comparator.<Candidate>comparingInt(c -> c.anchor().isPresent() ? 0 : 1)
                .thenComparingInt(c -> c.node().keyIdRank(child))
                .thenComparingInt(c -> c.node().cert.isValidAt(time) ? 0 : 1)
                .thenComparing(c -> c.node().cert.notBefore(), Comparator.reverseOrder()));
        return out;
    }

    /** Certificates on the path that count towards the depth: self-issued intermediates do not (RFC 5280 §6.1.4 (l)). */
    private static int logicalLength(List<Node> path) {
        int n = 1;
        for (int i = 1; i < path.size(); i++) {
            if (!path.get(i).selfIssued) {
                n++;
            }
        }
        return n;
    }

    /** The same certificate, or the same subject with the same key, is already on the path. */
    private static boolean onPath(Node n, List<Node> path) {
        for (Node p : path) {
            if (p.equals(n) || (p.subjectKey.equals(n.subjectKey) && Arrays.equals(p.cert.spkiDer(), n.cert.spkiDer()))) {
                return true;
            }
        }
        return false;
    }
}
