package io.localtrust.localdns;

import io.localtrust.store.NameStore;
import io.localtrust.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store's names, counting how often the database is asked for its revision and bindings. */
final class CountingNames implements NameStore {
    private final NameStore store;
    final AtomicInteger revisionReads = new AtomicInteger();
    final AtomicInteger bindingReads = new AtomicInteger();

    CountingNames(NameStore store) {
        this.store = store;
    }

    @Override
    public NameBinding bind(String name, String address, String devId, Instant at) throws StoreException {
        return store.bind(name, address, devId, at);
    }

    @Override
    public Claim claim(List<String> names, String address, String devId, Instant at, Instant until, Certifies certifies)
            throws StoreException {
        return store.claim(names, address, devId, at, until, certifies);
    }

    @Override
    public void settle(NameClaim claim) throws StoreException {
        store.settle(claim);
    }

    @Override
    public void release(NameClaim claim) throws StoreException {
        store.release(claim);
    }

    @Override
    public Optional<NameBinding> binding(String name) throws StoreException {
        return store.binding(name);
    }

    @Override
    public List<NameBinding> bindings() throws StoreException {
        bindingReads.incrementAndGet();
        return store.bindings();
    }

    @Override
    public long revision() throws StoreException {
        revisionReads.incrementAndGet();
        return store.revision();
    }

    @Override
    public long localWrites() {
        return store.localWrites();
    }
}
