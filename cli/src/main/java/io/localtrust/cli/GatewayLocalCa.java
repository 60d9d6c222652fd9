package io.localtrust.cli;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.practice.sample.LocalCa;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.security.KeyPair;
import java.util.List;

/**
 * The demo's U-L/S devices onboard with a real gateway, through its ACME front end
 * ({@link DemoAcmeClient}); the owner approves them in turn by pairing code and explicitly. The
 * owner's revocation and the OCSP response the device staples come from the authority directly.
 */
final class GatewayLocalCa implements LocalCa {
    private final Gateway gateway;
    private final Approvals approvals;
    private final DemoAcmeClient acme;
    private int onboarded;

    GatewayLocalCa(Gateway gateway, Approvals approvals, DemoAcmeClient acme) {
        this.gateway = gateway;
        this.approvals = approvals;
        this.acme = acme;
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
        DemoAcmeClient.OwnerApproval[] ways = DemoAcmeClient.OwnerApproval.values();
        return acme.onboard(deviceKey, identities, ways[onboarded++ % ways.length]);
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
