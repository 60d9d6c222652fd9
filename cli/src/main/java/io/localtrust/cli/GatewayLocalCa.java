package io.localtrust.cli;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.Issued;
import io.localtrust.practice.sample.LocalCa;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateRequests;
import java.security.KeyPair;
import java.util.List;

/** The demo's U-L/S devices onboard with a real gateway: CSR, approval, issuance, revocation, OCSP. */
final class GatewayLocalCa implements LocalCa {
    private final Gateway gateway;
    private final Approvals approvals;

    GatewayLocalCa(Gateway gateway, Approvals approvals) {
        this.gateway = gateway;
        this.approvals = approvals;
    }

    @Override
    public Cert root() {
        return gateway.root();
    }

    @Override
    public String describe() {
        return "gateway '" + gateway.config().name() + "' in " + gateway.files().dir();
    }

    @Override
    public CertChain issue(KeyPair deviceKey, List<String> identities) {
        byte[] csr = CertificateRequests.create(deviceKey, identities.get(0));
        try {
            try {
                gateway.authority().issue(new IssuanceRequest(csr, identities, "demo:device", false));
                throw new IllegalStateException("a new device was issued without approval");
            } catch (IssuanceRefused pending) {
                if (pending.refusal() != io.localtrust.authority.Refusal.PENDING_APPROVAL) {
                    throw pending;
                }
            }
            String devId = io.localtrust.x509.Digests.devId(deviceKey.getPublic().getEncoded());
            approvals.approve(devId, "demo:owner");
            Issued issued = gateway.authority().issue(new IssuanceRequest(csr, identities, "demo:device", false));
            return new CertChain(issued.chain());
        } catch (IssuanceRefused | StoreException e) {
            throw new IllegalStateException("the demo gateway refused a sample device: " + e.getMessage(), e);
        }
    }

    @Override
    public void revoke(Cert leaf) {
        try {
            approvals.revoke(leaf.serial().toString(16), RevocationReason.KEY_COMPROMISE, "demo:owner");
        } catch (IssuanceRefused | StoreException e) {
            throw new IllegalStateException("the demo gateway could not revoke: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] ocsp(Cert leaf) {
        try {
            return gateway.ocsp().respond(leaf.serial());
        } catch (StoreException e) {
            throw new IllegalStateException("the demo gateway could not sign OCSP: " + e.getMessage(), e);
        }
    }
}
