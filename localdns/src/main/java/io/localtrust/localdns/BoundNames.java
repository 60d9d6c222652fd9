package io.localtrust.localdns;

import io.localtrust.store.NameStore;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bound names, read from the store again only when its revision has moved (every committed
 * write grows it, whichever process made it: the CLI beside a running gateway too). One
 * {@code revision()} read per query; the bindings themselves only after a change.
 */
final class BoundNames {
    private final NameStore store;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    /** The bindings at one revision, by lowercase name without the trailing dot. */
    record Snapshot(long revision, Map<String, NameBinding> byName) {
        Snapshot {
            byName = Map.copyOf(byName);
        }

        /** Whether a bound name lies below {@code name}: an empty non-terminal (NODATA, not NXDOMAIN). */
        boolean hasBelow(String name) {
            String suffix = "." + name;
            return byName.keySet().stream().anyMatch(n -> n.endsWith(suffix));
        }
    }

    BoundNames(NameStore store) {
        this.store = store;
    }

    /** The current bindings. */
    Snapshot current() throws StoreException {
        long revision = store.revision();
        Snapshot s = snapshot;
        if (s.revision() != revision) {
            s = new Snapshot(revision, store.bindings().stream()
                    .collect(Collectors.toMap(NameBinding::name, Function.identity())));
            snapshot = s;
        }
        return s;
    }
}
