package io.localtrust.names.dns;

import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.ZoneEntry;
import io.localtrust.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered subdomains, answered from memory. The store is asked again when this process
 * wrote to it (an {@code /update} here is answered at the next query: the CA validating DNS-01
 * right after it sees the value), or when {@code refresh} has passed (a write by another responder
 * on the same PostgreSQL shows within that time). Asking reads only the rows changed since the
 * revision last seen, so a flood of queries reaches the database at most once per {@code refresh},
 * and a change costs one row, not the whole zone. When the store cannot be read, the last view is
 * answered (a name service that stops answering breaks every device's renewal) and a warning logged.
 */
final class ZoneView {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneView.class);
    private final NamesStore store;
    private final Clock clock;
    private final long refreshMillis;
    private final Map<String, ZoneEntry> bySubdomain = new ConcurrentHashMap<>();
    private volatile State state = new State(0, -1, Long.MIN_VALUE, false);

    /** The revision read, the local write counter then, when, and whether anything was ever read. */
    private record State(long revision, long localWrites, long checkedAt, boolean loaded) {
    }

    ZoneView(NamesStore store, Clock clock, Duration refresh) {
        this.store = store;
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
    }

    /** The entry of {@code subdomain} (lowercase), as of at most {@code refresh} ago. */
    Optional<ZoneEntry> entry(String subdomain) throws StoreException {
        refreshIfStale();
        return Optional.ofNullable(bySubdomain.get(subdomain));
    }

    /** The store revision the view reflects: the SOA serial. */
    long revision() throws StoreException {
        refreshIfStale();
        return state.revision();
    }

    private void refreshIfStale() throws StoreException {
        if (fresh(state)) {
            return;
        }
        synchronized (this) { // one reader asks the store; the others answer from what it read
            State s = state;
            if (fresh(s)) {
                return;
            }
            long local = store.localWrites(); // before reading: a write in between is seen next time
            try {
                NamesStore.Changes changes = store.changesSince(s.revision());
                for (ZoneEntry e : changes.entries()) {
                    bySubdomain.put(e.subdomain(), e);
                }
                state = new State(changes.revision(), local, clock.millis(), true);
            } catch (StoreException e) {
                if (!s.loaded()) {
                    throw e;
                }
                LOG.warn("answering the names read at revision {}: {}", s.revision(), e.getMessage());
                state = new State(s.revision(), s.localWrites(), clock.millis(), true);
            }
        }
    }

    private boolean fresh(State s) {
        long age = clock.millis() - s.checkedAt();
        return s.loaded() && s.localWrites() == store.localWrites() && age >= 0 && age < refreshMillis;
    }
}
