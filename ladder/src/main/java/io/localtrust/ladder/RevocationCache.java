package io.localtrust.ladder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Revocation answers kept until their nextUpdate (on the ladder's injected clock), least recently
 * used dropped first beyond {@code capacity}: OCSP answers by (issuer key, serial), CRLs by URL, so
 * a second decision about the same certificate — or another certificate of the same CRL — makes no
 * second fetch. Only verified answers are stored. Thread-safe.
 *
 * @param <V> what is kept
 */
final class RevocationCache<V> {
    private record Kept<V>(V value, Instant until) {
    }

    private final int capacity;
    private final Map<String, Kept<V>> entries;

    RevocationCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept<V>> eldest) {
                return size() > RevocationCache.this.capacity;
            }
        };
    }

    /** The value stored under {@code key} if it is still good at {@code now}; a stale one is dropped. */
    synchronized Optional<V> get(String key, Instant now) {
        Kept<V> e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.until())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** Keeps {@code value} until {@code until} (exclusive); nothing is kept when that is not after {@code now}. */
    synchronized void put(String key, V value, Instant until, Instant now) {
        if (capacity > 0 && until.isAfter(now)) {
            entries.put(key, new Kept<>(value, until));
        }
    }
}
