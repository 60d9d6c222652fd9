package io.localtrust.cli;

import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.identity.IdentityException;
import io.localtrust.agent.onboarding.GatewayTrust;
import io.localtrust.agent.onboarding.OnboardingException;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which gateway root a device trusts: {@code --ca-bundle}, else the one kept in its state, else
 * the gateway's, fetched and confirmed by {@code --gateway-fingerprint}. Never trust on first use.
 */
final class DeviceTrust {
    private DeviceTrust() {
    }

    /**
     * The root to trust; writes nothing, so a refused root leaves the state directory as it was.
     * {@link #keep} stores it once the device's identity is open.
     */
    static Cert resolve(StateDir dir, URI gateway, Path bundle, String fingerprint) {
        try {
            Optional<Cert> kept = dir.readGatewayRoot();
            if (bundle != null) {
                return GatewayTrust.fromBundle(bundle);
            }
            if (fingerprint != null) {
                return GatewayTrust.fetchConfirmed(gateway, GatewayTrust.parseFingerprint(fingerprint), Duration.ofSeconds(10));
            }
            if (kept.isPresent()) {
                return kept.get();
            }
            throw new UserError("the device trusts no gateway root yet: give --ca-bundle root.pem, or --gateway-fingerprint"
                    + " SHA256 (printed by 'gateway run') to fetch it from the gateway");
        } catch (OnboardingException | IdentityException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Keeps {@code root} in the state directory for later starts (gateway-root.pem), if it is not there yet. */
    static void keep(StateDir dir, Cert root) {
        try {
            Optional<Cert> kept = dir.readGatewayRoot();
            if (kept.isEmpty() || !kept.get().equals(root)) {
                dir.writeGatewayRoot(root);
            }
        } catch (IdentityException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(dir.gatewayRootFile() + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
