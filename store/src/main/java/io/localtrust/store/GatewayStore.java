package io.localtrust.store;

/**
 * Everything the gateway keeps, behind one connection pool. Consumers should ask for the
 * narrow interface they use; the composition root holds this one and closes it.
 */
public interface GatewayStore extends DeviceStore, CertificateStore, ApprovalStore, AuditLog, AcmeStore, NameStore, StoreLocks,
        PairingStore, ScanStore,
        AutoCloseable {

    /** "SQLite /path/gateway.db" or "PostgreSQL //host:port/db": for logs and status pages, never credentials. */
    String describe();

    @Override
    void close() throws StoreException;
}
