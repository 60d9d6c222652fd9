package io.localtrust.store.sql;

import io.localtrust.store.DeviceRecord;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The two reads every issuance makes — the device bound to a key (approval, one key one device)
 * and a name's binding (one name one device) — answered from memory while nothing could have
 * changed them, instead of a read transaction each (20 % of an issuance's CPU on SQLite).
 *
 * <p>Coherence rests on the store revision, which every committed write bumps (docs/store.md):
 * <ul>
 *   <li>Every use first reads the revision ({@link RevisionProbe}: one prepared statement) and
 *       compares it with what this store object's own commits explain. A newer revision that they do
 *       not explain means another process (the CLI beside a running gateway, a second gateway on
 *       PostgreSQL) wrote something: everything cached is dropped. So a change made anywhere and
 *       committed before the read is seen by the read, as with a read transaction.</li>
 *   <li>Each commit of this object announces its revisions just before it commits ({@link
 *       #committing}) and reports them after ({@link #committed}), so a read that sees a commit of
 *       ours before it is reported does not mistake it for someone else's.</li>
 *   <li>A local write that may change devices, identities or name bindings drops everything once it
 *       is committed, before its caller returns; writes that cannot ({@link
 *       Database#writeLeavingDevices}: certificates, status, audit, ACME documents) keep the cache.</li>
 *   <li>An entry is stamped with the generation current <em>before</em> its row was read, and a
 *       later drop moves the generation, so a row read just before a commit is never kept after it.</li>
 * </ul>
 * Hand-written rather than a caching library: the invalidation is the store's own revision
 * bookkeeping, which no general cache knows; what is kept is two maps.
 */
final class DeviceReads {
    /** Entries kept at most (≈ 250 B each); beyond it the maps are emptied and refilled on use. */
    static final int MAX_ENTRIES = 100_000;

    private record Entry<V>(long generation, V value) {
    }

    /** A read of the database, when the cache has no valid answer. */
    @FunctionalInterface
    interface Load<V> {
        V load() throws StoreException;
    }

    private final ConcurrentHashMap<String, Entry<Optional<DeviceRecord>>> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry<Optional<NameBinding>>> byName = new ConcurrentHashMap<>();
    private final LongAdder loads = new LongAdder();
    private long generation; // guarded by this
    // guarded by this: the newest revision known, whether every revision the current generation has
    // seen since it began was made by this store object's own commits that changed no device or name,
    // and the last revision of such a commit being made right now (-1: none)
    private long explained;
    private boolean known;
    private long committing = -1;

    /**
     * The generation valid now, given a {@code revision} just read from the store: the same as before
     * unless the revision is newer than what this object's own device-neutral commits explain. An
     * older one is a read that began before a commit: the current generation's entries were read
     * after it, so they are at least as new as that read.
     */
    synchronized long validate(long revision) {
        if (!known || revision > Math.max(explained, committing)) {
            generation++; // someone else wrote
            explained = revision;
            known = true;
        }
        return generation;
    }

    /**
     * A transaction of this store object is about to commit revisions {@code first..last}. When none
     * of its writes may change a device or a name and it follows what is explained, a read that sees
     * those revisions (after the commit, before {@link #committed}) keeps the cache.
     */
    synchronized void committing(long first, long last, boolean changesDevices) {
        committing = !changesDevices && known && first == explained + 1 ? last : -1;
    }

    /**
     * That transaction committed; {@code changedDevices} when one of its writes may have changed a
     * device, its identities or a name binding. Called after the commit and before any of its
     * callers returns.
     */
    synchronized void committed(long first, long last, boolean changedDevices) {
        committing = -1;
        if (changedDevices || !known || first != explained + 1) {
            generation++; // a device changed, or someone else wrote in between
        }
        explained = known ? Math.max(explained, last) : last; // a read may already have seen newer ones
        known = true;
    }

    /** A commit whose outcome is unknown (it failed): nothing cached is trusted. */
    synchronized void unknown() {
        generation++;
        known = false;
        committing = -1;
    }

    Optional<DeviceRecord> deviceByKey(long generation, String spkiSha256, Load<Optional<DeviceRecord>> load)
            throws StoreException {
        return get(byKey, generation, spkiSha256, load);
    }

    Optional<NameBinding> binding(long generation, String name, Load<Optional<NameBinding>> load) throws StoreException {
        return get(byName, generation, name, load);
    }

    /** For tests: how many reads went to the database. */
    long loads() {
        return loads.sum();
    }

    private <V> V get(ConcurrentHashMap<String, Entry<V>> map, long generation, String key, Load<V> load)
            throws StoreException {
        Entry<V> e = map.get(key);
        if (e != null && e.generation() == generation) {
            return e.value();
        }
        loads.increment();
        V v = load.load(); // read after the revision that gave `generation`: at least as new as it
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
        map.put(key, new Entry<>(generation, v));
        return v;
    }
}
