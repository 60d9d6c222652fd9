package io.localtrust.acme;

import io.localtrust.store.NameStore;
import io.localtrust.store.StoreException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the DNS names of an issued order to the device's address, so the gateway's local zone
 * answers them: the order's {@code ip} identifier if it has exactly one (the device ordered its own
 * address), otherwise the address the order came from — the same address its names were validated
 * at. Whether a name may move to this device was the authority's decision at issuance.
 */
final class NameBinder {
    private static final Logger LOG = LoggerFactory.getLogger(NameBinder.class);
    private final NameStore store;
    private final Clock clock;

    NameBinder(NameStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Binds the order's names to the device. The certificate is already issued and the order valid,
     * so a store failure here is logged, not the client's problem: the next issuance binds again.
     */
    void bind(Docs.Order order, String devId) {
        String address = order.deviceAddress();
        for (Docs.Identifier id : order.identifiers()) {
            if (!id.type().equals("dns")) {
                continue;
            }
            try {
                store.bind(id.value(), address, devId, clock.instant());
            } catch (StoreException e) {
                LOG.warn("{} was issued but not bound to {}: {}", id.value(), address, e.getMessage());
            }
        }
    }
}
