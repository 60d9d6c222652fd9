package io.localtrust.acme;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.store.StoreException;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateRequests;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's pairing code carried in its finalize CSR as the PKCS#9 challengePassword (RFC 2985
 * §5.4.1 — how SCEP and EST carry one-time passwords too): when the order waits for approval, the
 * code is offered for the CSR key's dev-id ({@link Approvals#offerPairingCode}), so the owner can
 * approve this device by typing the code it shows ({@code gateway approve --code}). The CSR's
 * signature, checked by the authority before the device was registered, binds the code to the key.
 * A malformed code is logged and ignored: the device stays pending and can be approved by dev-id.
 */
final class PairingOffer {
    private static final Logger LOG = LoggerFactory.getLogger(PairingOffer.class);

    private PairingOffer() {
    }

    static void offer(Gateway gateway, Clock clock, byte[] csr) throws StoreException {
        Optional<String> code;
        String devId;
        try {
            code = CertificateRequests.challengePassword(csr);
            devId = CertificateRequests.devId(csr);
        } catch (CertificateParseException e) {
            return; // the authority has refused such a CSR already
        }
        if (code.isEmpty()) {
            return;
        }
        try {
            new Approvals(gateway.store(), gateway.config().names(), clock).offerPairingCode(devId, code.get());
            LOG.info("device {} offered a pairing code with its CSR", devId);
        } catch (IssuanceRefused e) {
            LOG.warn("device {} offered a pairing code that was not kept: {}", devId, e.getMessage());
        }
    }
}
