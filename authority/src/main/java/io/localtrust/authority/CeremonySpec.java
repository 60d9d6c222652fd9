package io.localtrust.authority;

import io.localtrust.x509.KeyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code gateway init} asks for.
 *
 * @param dir          the gateway directory to create (absent, or an empty directory)
 * @param name         the CA name ("Home gateway")
 * @param names        the name constraints
 * @param keyKind      CA key type: EC_P256, EC_P384 or ED25519
 * @param leafLifetime default device certificate lifetime
 * @param baseUrl      plain-HTTP URL the gateway will serve OCSP, CRLs and CA certificates at
 * @param custody      where the CA keys are made and kept: files in DIR, or a PKCS#11 token
 * @param localDeviceEku the id-kp-localDevice OID the CAs and leaves carry, or none
 * @param lapsedDevices  what an approved device gets when it asks again after all its certificates expired
 */
public record CeremonySpec(Path dir, String name, NamePolicy names, KeyKind keyKind, Duration leafLifetime,
                           String baseUrl, KeyCustody custody, Optional<String> localDeviceEku, LapsePolicy lapsedDevices) {
    /** Keys in files in DIR. */
    public CeremonySpec(Path dir, String name, NamePolicy names, KeyKind keyKind, Duration leafLifetime, String baseUrl) {
        this(dir, name, names, keyKind, leafLifetime, baseUrl, KeyCustody.files());
    }

    /** With the default id-kp-localDevice. */
    public CeremonySpec(Path dir, String name, NamePolicy names, KeyKind keyKind, Duration leafLifetime, String baseUrl,
                        KeyCustody custody) {
        this(dir, name, names, keyKind, leafLifetime, baseUrl, custody, Optional.of(io.localtrust.x509.Oids.KP_LOCAL_DEVICE));
    }

    /** With the default lapsed-device policy, {@link LapsePolicy#REAPPROVE}. */
    public CeremonySpec(Path dir, String name, NamePolicy names, KeyKind keyKind, Duration leafLifetime, String baseUrl,
                        KeyCustody custody, Optional<String> localDeviceEku) {
        this(dir, name, names, keyKind, leafLifetime, baseUrl, custody, localDeviceEku, LapsePolicy.REAPPROVE);
    }

    public CeremonySpec {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(keyKind, "keyKind");
        Objects.requireNonNull(leafLifetime, "leafLifetime");
        Objects.requireNonNull(baseUrl, "baseUrl");
        GatewayConfig.checkSettings(name, leafLifetime, baseUrl);
        if (keyKind != KeyKind.EC_P256 && keyKind != KeyKind.EC_P384 && keyKind != KeyKind.ED25519) {
            throw new IllegalArgumentException("CA keys are ec-p256, ec-p384 or ed25519");
        }
        Objects.requireNonNull(custody, "custody");
        Objects.requireNonNull(localDeviceEku, "localDeviceEku");
        localDeviceEku.ifPresent(GatewayConfig::checkEku);
        Objects.requireNonNull(lapsedDevices, "lapsedDevices");
        if (custody.inToken() && keyKind == KeyKind.ED25519) {
            throw new IllegalArgumentException("CA keys in a PKCS#11 token are ec-p256 or ec-p384 (SunPKCS11 has no Ed25519)");
        }
    }
}
