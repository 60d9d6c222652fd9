package io.localtrust.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issued certificates (append-only) and their status (kept apart). */
public interface CertificateStore {

    /**
     * Stores a newly issued certificate with status good, and its audit entry, in one durable
     * transaction: when this returns, the certificate survives a crash.
     *
     * @throws StoreException {@code CONFLICT} for a serial already stored, or a key bound to
     *         another device
     */
    void recordIssuance(IssuedCertificate certificate, String actor) throws StoreException;

    /**
     * Stores several newly issued certificates, each with status good and its audit entry (in list
     * order), in ONE durable transaction: all or none. This is what group commit needs — one
     * fsync for a batch of concurrent issuances instead of one each.
     *
     * @throws StoreException as {@link #recordIssuance}, for the first certificate refused; then
     *         none of them is stored
     */
    void recordIssuances(List<IssuedCertificate> certificates, String actor) throws StoreException;

    Optional<IssuedCertificate> certificate(BigInteger serial) throws StoreException;

    /** A device's certificates, oldest first. */
    List<IssuedCertificate> certificatesOf(String devId) throws StoreException;

    /** Every issued certificate, oldest first (for OCSP pre-signing at start-up). */
    List<IssuedCertificate> certificates() throws StoreException;

    Optional<CertificateStatus> status(BigInteger serial) throws StoreException;

    /**
     * Revokes a certificate and writes the audit entry, in one transaction.
     *
     * @return false if it was already revoked (nothing changes)
     * @throws StoreException {@code NOT_FOUND} for an unknown serial
     */
    boolean revoke(BigInteger serial, RevocationReason reason, Instant at, String actor) throws StoreException;

    /** Every revoked certificate's status, for the CRL. */
    List<CertificateStatus> revoked() throws StoreException;

    /**
     * A number that grows whenever a certificate, a status, a device or an approval changes — in
     * this process or another one writing the same store. A running gateway polls it to pick up
     * changes made from the shell. It is bumped by every committed write transaction (any table,
     * the audit log included) and by nothing else: reads, refused writes and writes that change
     * nothing (registering again, revoking twice) leave it alone.
     */
    long revision() throws StoreException;
}
