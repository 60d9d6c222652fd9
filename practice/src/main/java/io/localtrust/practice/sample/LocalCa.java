package io.localtrust.practice.sample;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.security.KeyPair;
import java.util.List;

/**
 * The local (gateway) CA the sample network's U-L/S devices onboard with. {@code localtrust demo}
 * passes a real gateway (key ceremony; ACME onboarding with approval; revocation and OCSP); without one
 * the sample makes a stand-in CA with {@link io.localtrust.x509.CertificateMaker}.
 */
public interface LocalCa {

    /** The root a browser installs. */
    Cert root();

    /** A short description for the demo header ("gateway 'Demo home' in /tmp/…"). */
    String describe();

    /** Onboards a device key for these names and addresses; returns leaf + issuing CA. */
    CertChain issue(KeyPair deviceKey, List<String> identities);

    /** Revokes a certificate this CA issued. */
    void revoke(Cert leaf);

    /** A current OCSP response for a certificate this CA issued (what the device staples). */
    byte[] ocsp(Cert leaf);
}
