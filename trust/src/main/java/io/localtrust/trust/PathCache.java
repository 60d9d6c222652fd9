package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paths this engine built and validated, so the same presented chain is not built and validated
 * again on every connection (Chromium's verification cache, narrowed). Safe by construction:
 * <ul>
 *   <li>only <b>valid</b> outcomes are kept: a failure is always worked out afresh, so the cache can never
 *       turn a rejection into a trust;</li>
 *   <li>the key is everything path validation reads from the request: the presented certificates by DER
 *       (one byte different is another key), the purpose, the policy inputs and whether the connection is
 *       local (EKU on every certificate depends on it); requests with CRLs are never cached. The anchors,
 *       the known certificates and the settings are the engine's own, and the cache lives in the engine:
 *       another anchor set is another engine with another cache;</li>
 *   <li>an entry answers only for verification times within the validity of <em>every</em> certificate on
 *       its path, anchor included (the latest notBefore to the earliest notAfter, inclusive as RFC 5280
 *       §6.1.3 (a)(2)): outside that window, past or future, the path is built again;</li>
 *   <li>what depends on the connection beyond locality — the host name (RFC 6125), the leaf's key usage,
 *       the id-kp-localDevice rule — is not part of the entry: the engine checks it on every request.</li>
 * </ul>
 * Bounded: cleared when full.
 */
final class PathCache {
    static final int MAX_CACHED = 2_048;

    /** Everything a path's validity depends on besides the engine's own configuration and the time. */
    record Key(List<Cert> presented, Cert leaf, KeyPurpose purpose, PolicySettings policies, boolean local) {
        static Optional<Key> of(VerifyRequest r) {
            if (!r.crls().isEmpty() || r.requireRevocation()) {
                return Optional.empty();
            }
            return Optional.of(new Key(r.presented(), r.leaf(), r.purpose(), r.policies(), r.connection().local()));
        }
    }

    /** A validated path (leaf first, anchor last) and the window of verification times it holds for. */
    record Entry(List<Cert> path, AnchorKind kind, Instant validFrom, Instant validUntil) {
        boolean holdsAt(Instant t) {
            return !t.isBefore(validFrom) && !t.isAfter(validUntil);
        }

        static Entry of(List<Cert> path, AnchorKind kind) {
            Instant from = Instant.MIN;
            Instant until = Instant.MAX;
            for (Cert c : path) {
                from = c.notBefore().isAfter(from) ? c.notBefore() : from;
                until = c.notAfter().isBefore(until) ? c.notAfter() : until;
            }
            return new Entry(List.copyOf(path), kind, from, until);
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The path validated for this key, if it holds at {@code time}. */
    Optional<Entry> get(Key key, Instant time) {
        Entry e = entries.get(key);
        return e != null && e.holdsAt(time) ? Optional.of(e) : Optional.empty();
    }

    /** Remembers a valid path. */
    void put(Key key, List<Cert> path, AnchorKind kind) {
        if (entries.size() >= MAX_CACHED) {
            entries.clear();
        }
        entries.put(key, Entry.of(path, kind));
    }

    int size() {
        return entries.size();
    }
}
