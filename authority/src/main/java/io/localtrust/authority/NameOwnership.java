package io.localtrust.authority;

import io.localtrust.store.CertificateStatus;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One name, one device: a DNS name bound to a device in the local zone (it resolves to that device)
 * cannot be certified for another device while the first holds an unexpired, unrevoked certificate
 * for it. Otherwise anyone on the LAN who passes a challenge for {@code printer.home.arpa} (by
 * answering at an address of their choosing) could take over the printer's name. Revoking the
 * holder's certificate, or its expiry, frees the name.
 */
final class NameOwnership {
    private final GatewayStore store;
    private final CertificateReader reader = new CertificateReader();

    NameOwnership(GatewayStore store) {
        this.store = store;
    }

    /** Refuses with {@link Refusal#NAME_BOUND_TO_OTHER_DEVICE} if a DNS name among {@code ids} is another device's. */
    void requireFree(String devId, List<Identity> ids, Instant now) throws IssuanceRefused, StoreException {
        for (Identity id : ids) {
            if (id.type() != Identity.Type.DNS) {
                continue;
            }
            Optional<NameBinding> bound = store.binding(id.value());
            if (bound.isPresent() && !bound.get().devId().equals(devId) && holds(bound.get().devId(), id.value(), now)) {
                throw new IssuanceRefused(Refusal.NAME_BOUND_TO_OTHER_DEVICE, id.value() + " belongs to device "
                        + bound.get().devId() + "; revoke its certificate first");
            }
        }
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
