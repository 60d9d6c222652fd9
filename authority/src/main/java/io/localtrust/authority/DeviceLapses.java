package io.localtrust.authority;

import io.localtrust.store.CertificateStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.StoreException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an approved device's certificates have all expired — it was offline past expiry — so
 * that its next request is a re-enrolment ({@link LapsePolicy}), not a renewal.
 *
 * <p>Answered from memory on the issuance path: the latest {@code notAfter} this authority knows
 * of per device, filled from the store the first time a device is asked about and raised by every
 * issuance made here. Certificates are only ever added (append-only store), so the truth is never
 * earlier than what is remembered: a remembered time still in the future is a valid certificate,
 * and needs no read. A remembered time in the past is checked against the store before the device
 * is treated as lapsed, because another process (the shell's {@code gateway issue}, a second
 * gateway on the same PostgreSQL) may have issued since. Revocation does not count here: a device
 * whose certificate was revoked goes through the owner anyway. The caller compares the answer with
 * when the device's approval last changed: an approval given after the lapse is a fresh one.
 */
final class DeviceLapses {
    /** Devices remembered at most (≈ 100 B each); beyond it the map is emptied and refilled from the store. */
    static final int MAX_ENTRIES = 100_000;

    private final CertificateStore store;
    private final ConcurrentHashMap<String, Instant> latestNotAfter = new ConcurrentHashMap<>();

    DeviceLapses(CertificateStore store) {
        this.store = store;
    }

    /**
     * When the device's certificates lapsed, if they all expired before {@code now}; empty for a
     * device with a certificate valid at {@code now} (X.509's notAfter is inclusive) or not yet valid, and for one never certified.
     */
    Optional<Instant> lapsedAt(String devId, Instant now) throws StoreException {
        Instant known = latestNotAfter.get(devId);
        if (known != null && !known.isBefore(now)) {
            return Optional.empty();
        }
        Optional<Instant> latest = store.certificatesOf(devId).stream().map(IssuedCertificate::notAfter)
                .max(Instant::compareTo);
        latest.ifPresent(t -> issued(devId, t));
        return latest.filter(t -> t.isBefore(now));
    }

    /** A certificate for the device, valid until {@code notAfter}, is stored. */
    void issued(String devId, Instant notAfter) {
        if (latestNotAfter.size() >= MAX_ENTRIES && !latestNotAfter.containsKey(devId)) {
            latestNotAfter.clear();
        }
        latestNotAfter.merge(devId, notAfter, (a, b) -> a.isAfter(b) ? a : b);
    }
}
