package io.localtrust.authority;

import io.localtrust.store.CertificateStatus;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.KeyAndNames;
import io.localtrust.store.NameStore.Claim;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.NameStore.NameClaim;
import io.localtrust.store.StoreException;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One name, one device: a DNS name bound to a device in the local zone (it resolves to that device)
 * cannot be certified for another device while the first holds an unexpired, unrevoked certificate
 * for it, or while the first's own issuance for it is in flight. Otherwise anyone on the LAN who
 * passes a challenge for {@code printer.home.arpa} (by answering at an address of their choosing)
 * could take over the printer's name. Revoking the holder's certificate, or its expiry, frees the name.
 *
 * <p>{@link #requireFree} checks early (before a device is registered); {@link #claim} decides, in
 * one store transaction with binding the names to the device's address ({@link
 * io.localtrust.store.NameStore#claim}), so two devices finalizing one free name at the same moment
 * cannot both pass: the loser is refused before anything is signed. The winner's claim is settled
 * once its certificate is stored, or released if issuance then fails.
 */
final class NameOwnership {
    /** How long a claim holds a name without its certificate: far longer than an issuance takes. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(NameOwnership.class);
    private final GatewayStore store;
    private final CertificateReader reader = new CertificateReader();

    NameOwnership(GatewayStore store) {
        this.store = store;
    }

    /**
     * Refuses with {@link Refusal#NAME_BOUND_TO_OTHER_DEVICE} if a DNS name among {@code ids} is another
     * device's; {@code seen} has the binding of each (read with the key's device, {@link GatewayStore#keyAndNames}).
     */
    void requireFree(String devId, List<Identity> ids, Instant now, KeyAndNames seen) throws IssuanceRefused, StoreException {
        for (Identity id : ids) {
            if (id.type() != Identity.Type.DNS) {
                continue;
            }
            Optional<NameBinding> bound = seen.binding(id.value());
            if (bound.isPresent() && !bound.get().devId().equals(devId) && holds(bound.get().devId(), id.value(), now)) {
                throw taken(id.value(), bound.get().devId());
            }
        }
    }

    /**
     * Claims the DNS names among {@code ids} for the device at {@code address}, atomically with the
     * check; empty when there is nothing to bind (no address, or no DNS name).
     *
     * @throws IssuanceRefused {@code NAME_BOUND_TO_OTHER_DEVICE} when another device holds one, or is
     *         being issued one right now; {@code BAD_IDENTITY} when {@code address} is not an IP address
     */
    Optional<NameClaim> claim(String devId, Optional<String> address, List<Identity> ids, Instant now)
            throws IssuanceRefused, StoreException {
        List<String> names = ids.stream().filter(i -> i.type() == Identity.Type.DNS).map(Identity::value).toList();
        if (address.isEmpty() || names.isEmpty()) {
            return Optional.empty();
        }
        Identity at = Identity.parse(address.get());
        if (at.type() != Identity.Type.IP) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "'" + address.get() + "' is not an IP address to bind names to");
        }
        Claim c = store.claim(names, at.value(), devId, now, now.plus(CLAIM), (cert, name) -> names(cert).contains(name));
        return switch (c) {
            case Claim.Taken t -> Optional.of(t.claim());
            case Claim.Held h -> throw h.inFlight()
                    ? new IssuanceRefused(Refusal.NAME_BOUND_TO_OTHER_DEVICE, h.holder().name() + " is being issued to device "
                            + h.holder().devId() + " right now")
                    : taken(h.holder().name(), h.holder().devId());
        };
    }

    /** The certificate is stored: the names stay bound, no longer in flight. A failure is logged: the claim lapses anyway. */
    void settle(NameClaim claim) {
        try {
            store.settle(claim);
        } catch (StoreException e) {
            LOG.warn("{} stay claimed until {}: {}", claim.names(), claim.until(), e.getMessage());
        }
    }

    /** Issuance failed after the claim: the names go back to what they were. A failure is logged: the claim lapses anyway. */
    void release(NameClaim claim) {
        try {
            store.release(claim);
        } catch (StoreException e) {
            LOG.warn("{} stay claimed by device {} until {} although it was not issued: {}", claim.names(), claim.devId(),
                    claim.until(), e.getMessage());
        }
    }

    private static IssuanceRefused taken(String name, String holder) {
        return new IssuanceRefused(Refusal.NAME_BOUND_TO_OTHER_DEVICE, name + " belongs to device " + holder
                + "; revoke its certificate first");
    }

    /** Whether the device holds a certificate naming {@code name} that is unexpired and not revoked at {@code now}. */
    private boolean holds(String devId, String name, Instant now) throws StoreException {
        for (IssuedCertificate c : store.certificatesOf(devId)) {
            if (!now.isBefore(c.notAfter()) || store.status(c.serial()).map(CertificateStatus::revoked).orElse(false)) {
                continue;
            }
            if (names(c).contains(name)) {
                return true;
            }
        }
        return false;
    }

    private List<String> names(IssuedCertificate c) {
        try {
            return reader.parseDer(c.der()).dnsNames();
        } catch (CertificateParseException e) {
            throw new IllegalStateException("the store holds a certificate that does not parse: serial "
                    + c.serial().toString(16), e);
        }
    }
}
