package io.localtrust.gateway;

import io.localtrust.store.CertificateStatus;
import io.localtrust.store.CertificateStore;
import io.localtrust.store.StoreException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps OCSP and the CRLs (one per live issuing CA) in step with the store, whoever writes it — this gateway's admin API or
 * a {@code gateway revoke} in another process. {@link #poll} is cheap when nothing changed (one
 * {@link CertificateStore#revision()} read); when the revision moved it reads the revoked list,
 * re-signs the OCSP answers of the certificates whose status differs from what it last saw, and
 * re-signs the CRL if the list changed. The server calls it every {@code pollInterval} (200 ms by
 * default) and right after its own writes; it is not thread-safe and runs on one thread.
 */
final class ChangeWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);

    private final CertificateStore store;
    private final OcspResponder ocsp;
    private final Issuers issuers;
    private long revision = Long.MIN_VALUE;
    private Map<BigInteger, CertificateStatus> revoked = Map.of();

    ChangeWatcher(CertificateStore store, OcspResponder ocsp, Issuers issuers) {
        this.store = store;
        this.ocsp = ocsp;
        this.issuers = issuers;
    }

    /** Brings OCSP and the CRL up to date if the store changed; true if it did. */
    synchronized boolean poll() throws StoreException {
        long r = store.revision();
        if (r == revision) {
            return false;
        }
        List<CertificateStatus> now = store.revoked();
        Map<BigInteger, CertificateStatus> next = new HashMap<>();
        now.forEach(s -> next.put(s.serial(), s));
        Set<BigInteger> changed = new HashSet<>();
        for (var e : next.entrySet()) {
            if (!Objects.equals(revoked.get(e.getKey()), e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (BigInteger s : revoked.keySet()) {
            if (!next.containsKey(s)) {
                changed.add(s);
            }
        }
        boolean first = revision == Long.MIN_VALUE;
        if (!first) {
            ocsp.statusChanged(changed);
        }
        if (first || !changed.isEmpty()) {
            publishCrls(now);
        }
        if (!changed.isEmpty() && !first) {
            LOG.info("store revision {}: status of {} certificate(s) changed; OCSP and CRL re-signed", r, changed.size());
        }
        revoked = next;
        revision = r;
        return true;
    }

    /** Signs each live CA's CRL with the revoked certificates it issued (RFC 5280 §5: no indirect CRLs). */
    private void publishCrls(List<CertificateStatus> now) throws StoreException {
        Map<LiveIssuer, List<CertificateStatus>> byIssuer = new HashMap<>();
        for (LiveIssuer i : issuers.live()) {
            byIssuer.put(i, new ArrayList<>());
        }
        for (CertificateStatus s : now) {
            issuers.issuerOf(s.serial()).map(byIssuer::get).ifPresent(list -> list.add(s));
        }
        for (var e : byIssuer.entrySet()) {
            e.getKey().crl().publish(e.getValue());
        }
    }
}
