package io.localtrust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pairing codes (matched by hash; the code itself kept only while its device waits, to show it)
 * and names pre-authorised for a time window.
 */
public interface ApprovalStore {

    /** A stored pairing code, by its hash (what a typed code is matched by). */
    record PairingCode(String codeHash, String devId, Instant expiresAt, Optional<Instant> usedAt) {
        public PairingCode {
            Objects.requireNonNull(codeHash, "codeHash");
            Objects.requireNonNull(devId, "devId");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(usedAt, "usedAt");
        }
    }

    /**
     * A usable code a pending device offered: its hash, and the code itself (normalised) while it
     * may be shown — absent for a code stored by hash only. Not a credential (typing it still needs
     * a signed-in owner), yet kept out of {@link #toString()}: it has no business in a log.
     */
    record PairingOffer(String codeHash, String devId, Optional<String> code, Instant expiresAt) {
        public PairingOffer {
            Objects.requireNonNull(codeHash, "codeHash");
            Objects.requireNonNull(devId, "devId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "PairingOffer[devId=" + devId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** A name approved in advance until a time ("allow printer.home.arpa --for 10m"). */
    record Allowance(String identity, Instant until, String actor) {
        public Allowance {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * Stores a pairing code.
     *
     * @throws StoreException {@code CONFLICT} if a code with the same hash is stored
     */
    void addPairingCode(PairingCode code) throws StoreException;

    /**
     * Stores a code a device offers: its hash, and the code itself ({@code shown}, normalised) to
     * show beside the device while it waits. In the same transaction the store forgets the shown
     * text of the device's earlier codes (it shows only its newest; they stay usable by hash until
     * they expire) and of every code expired at {@code at}. The shown text is forgotten too when
     * the code is used ({@link #usePairingCode}) and when its device leaves PENDING
     * ({@link DeviceStore#setState}).
     *
     * @throws StoreException {@code CONFLICT} if a code with the same hash is stored
     */
    void offerPairingCode(PairingCode code, String shown, Instant at) throws StoreException;

    /**
     * The codes still usable at {@code at} — unused, unexpired — of devices still PENDING, the
     * newest first (one device may have several).
     */
    List<PairingOffer> pairingOffers(Instant at) throws StoreException;

    /** The unused, unexpired code with this hash for this device, if any. */
    Optional<PairingCode> pairingCode(String devId, String codeHash, Instant at) throws StoreException;

    /**
     * Marks a code used, once, if it has not expired at {@code at}, and forgets its shown text.
     *
     * @return false if it was already used (a replay) or has expired
     * @throws StoreException {@code NOT_FOUND} for a hash never stored
     */
    boolean usePairingCode(String codeHash, Instant at) throws StoreException;

    /**
     * Counts a failed pairing attempt for a device.
     *
     * @return the failures recorded for the device in {@code (at - window, at]}, this one included
     */
    int recordPairingFailure(String devId, Instant at, Duration window) throws StoreException;

    /** The failures recorded for the device in {@code (at - window, at]}, without recording one. */
    int pairingFailures(String devId, Instant at, Duration window) throws StoreException;

    /**
     * Stores an allowance, replacing an earlier one for the same identity, without an audit entry.
     * Prefer {@link #allow(Allowance, Instant)}, which writes both in one transaction.
     */
    void allow(Allowance allowance) throws StoreException;

    /**
     * Stores an allowance, replacing an earlier one for the same identity, and writes its audit
     * entry (action "allow", subject the identity, by the allowance's actor, at {@code at},
     * detail "until …") in the same transaction.
     */
    void allow(Allowance allowance, Instant at) throws StoreException;

    /** Allowances still open at {@code at}. */
    List<Allowance> allowances(Instant at) throws StoreException;
}
