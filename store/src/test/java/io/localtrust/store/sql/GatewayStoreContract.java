package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The behaviour every store backend must have: one suite, run by {@link SqliteGatewayStoreTest}
 * and {@link PostgresGatewayStoreTest}. The tests live in the interfaces, one per concept;
 * a backend supplies a fresh store per test, a second store on the same database, and raw SQL.
 */
abstract class GatewayStoreContract implements DeviceContract, CertificateContract, ApprovalContract, AuditContract, AcmeContract,
        NameContract, LockContract, PairingContract, GroupCommitContract, DeviceReadsContract, ScanContract {
    private GatewayStore store;

    /** A new, empty store on a database of its own. */
    protected abstract GatewayStore newStore() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = newStore();
    }

    /** Called after the store is closed: a backend removes the database it made. */
    protected void dropDatabase() throws Exception {
    }

    @AfterEach
    final void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
        dropDatabase();
    }

    @Override
    public final GatewayStore store() {
        return store;
    }
}
