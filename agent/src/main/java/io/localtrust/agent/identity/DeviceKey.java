package io.localtrust.agent.identity;

import io.localtrust.x509.Digests;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The device's own key — its identity (DESIGN.md §1b: the dev-id is a hash of it). The private
 * key is a handle: for a key in a PKCS#11 token it never holds key material, and signing goes
 * through {@code provider}. Never printed: {@link #toString()} names only the dev-id and where
 * the key lives.
 *
 * @param privateKey the signing handle
 * @param publicKey  its public key
 * @param provider   the JCA provider that signs with it, when it is not one of the installed ones
 * @param custody    where it lives, for messages ("PKCS#12 file /var/lib/…/device-key.p12")
 */
public record DeviceKey(PrivateKey privateKey, PublicKey publicKey, Optional<Provider> provider, String custody) {
    public DeviceKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(custody, "custody");
    }

    /** The dev-id: base32 of the first 16 bytes of SHA-256 over the SubjectPublicKeyInfo. */
    public String devId() {
        return Digests.devId(publicKey.getEncoded());
    }

    public KeyPair keyPair() {
        return new KeyPair(publicKey, privateKey);
    }

    @Override
    public String toString() {
        return "DeviceKey[devId=" + devId() + ", " + custody + "]";
    }
}
