package io.localtrust.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway keeps, behind one connection pool. Consumers should ask for the
 * narrow interface they use; the composition root holds this one and closes it.
 */
public interface GatewayStore extends DeviceStore, CertificateStore, ApprovalStore, AuditLog, AcmeStore, NameStore, StoreLocks,
        PairingStore, ScanStore,
        AutoCloseable {

    /**
     * The device bound to {@code spkiSha256} ({@link #deviceByKey}) and the binding of each of
     * {@code names} ({@link #binding}), as one read: what an issuance checks before it signs. This
     * default reads them in turn; a store that serves them from a cache checks the cache once for
     * all of them (one revision read instead of one per name and one for the key).
     */
    default KeyAndNames keyAndNames(String spkiSha256, List<String> names) throws StoreException {
        Map<String, Optional<NameBinding>> bindings = new HashMap<>();
        for (String name : names) {
            bindings.put(name, binding(name));
        }
        return new KeyAndNames(deviceByKey(spkiSha256), bindings);
    }

    /** "SQLite /path/gateway.db" or "PostgreSQL //host:port/db": for logs and status pages, never credentials. */
    String describe();

    @Override
    void close() throws StoreException;
}
