package io.localtrust.localdns;

import io.localtrust.store.NameStore;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bound names, answered from memory. The store is asked only when this process has written to
 * it ({@link NameStore#localWrites()}, a counter in memory: an issuance here is answered at once), or
 * when {@code refresh} has passed since it was last asked (a change by another process — the CLI
 * beside a running gateway — shows within that time). Asking costs one {@code revision()} read, and
 * the bindings are read again only when the revision moved. So a flood of queries reaches the
 * database at most once per {@code refresh}, however fast it comes.
 */
final class BoundNames {
    private final NameStore store;
    private final Clock clock;
    private final long refreshMillis;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), -1, Long.MIN_VALUE);

    /**
     * The bindings at one revision, by lowercase name without the trailing dot.
     *
     * @param localWrites  the store's {@link NameStore#localWrites()} when it was read
     * @param checkedAt    when the revision was read (the clock's millis)
     */
    record Snapshot(long revision, Map<String, NameBinding> byName, long localWrites, long checkedAt) {
        Snapshot {
            byName = Map.copyOf(byName);
        }

        /** Whether a bound name lies below {@code name}: an empty non-terminal (NODATA, not NXDOMAIN). */
        boolean hasBelow(String name) {
            String suffix = "." + name;
            return byName.keySet().stream().anyMatch(n -> n.endsWith(suffix));
        }
    }

    BoundNames(NameStore store, Clock clock, Duration refresh) {
        this.store = store;
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
    }

    /** The current bindings. */
    Snapshot current() throws StoreException {
        Snapshot s = snapshot;
        if (fresh(s)) {
            return s;
        }
        synchronized (this) { // one reader asks the store; the others take what it read
            s = snapshot;
            if (fresh(s)) {
                return s;
            }
            long local = store.localWrites(); // before the revision: a write in between is seen next time
            long revision = store.revision();
            Map<String, NameBinding> byName = s.revision() == revision ? s.byName()
                    : store.bindings().stream().collect(Collectors.toMap(NameBinding::name, Function.identity()));
            s = new Snapshot(revision, byName, local, clock.millis());
            snapshot = s;
            return s;
        }
    }

    private boolean fresh(Snapshot s) {
        long age = clock.millis() - s.checkedAt();
        return s.localWrites() == store.localWrites() && age >= 0 && age < refreshMillis;
    }
}
