package io.localtrust.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Devices and their approval state. */
public interface DeviceStore {

    Optional<DeviceRecord> device(String devId) throws StoreException;

    /** The device bound to this key, if any: the uniqueness check ("one key, one device"). */
    Optional<DeviceRecord> deviceByKey(String spkiSha256) throws StoreException;

    /**
     * Records a device asking for identities. New devices start {@link ApprovalState#PENDING};
     * an existing one keeps its state and gains any new identities (appended in the order given;
     * ones it has are not repeated). Registering again with nothing new changes nothing.
     *
     * @throws StoreException {@code CONFLICT} if the key is bound to a different dev-id
     */
    DeviceRecord register(String devId, String spkiSha256, List<String> identities, Instant at) throws StoreException;

    /**
     * Sets a device's approval state, without an audit entry. Setting the state it already has
     * changes nothing. Prefer {@link #setState(String, ApprovalState, Instant, String, String)},
     * which writes the state and its audit entry in one transaction.
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown dev-id
     */
    DeviceRecord setState(String devId, ApprovalState state, Instant at) throws StoreException;

    /**
     * Sets a device's approval state and, when it changes, writes its audit entry in the same
     * transaction: action "approve", "deny" or "reopen" (back to pending), subject the dev-id, by
     * {@code actor}, with {@code detail}. Setting the state it already has changes nothing and
     * writes no entry.
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown dev-id
     */
    DeviceRecord setState(String devId, ApprovalState state, Instant at, String actor, String detail)
            throws StoreException;

    /** All devices, oldest first. */
    List<DeviceRecord> devices() throws StoreException;
}
