package io.localtrust.authority;

import io.localtrust.x509.KeyKind;
import io.localtrust.x509.Oids;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's settings, fixed at the key ceremony and kept in {@code gateway.json}.
 *
 * @param name           the CA's name, shown to users ("Home gateway")
 * @param names          what the CA may certify (its name constraints)
 * @param keyKind        the CA keys' type
 * @param leafLifetime   default device certificate lifetime (1 hour to 398 days)
 * @param baseUrl        plain-HTTP base URL written into AIA and CRL DP ("http://gateway.home.arpa:8080")
 * @param adminTokenHash SHA-256 (hex) of the admin API token; the token itself is never stored
 * @param created        when the ceremony ran
 * @param localDeviceEku the id-kp-localDevice OID the CAs and leaves carry, or none
 * @param lapsedDevices  what an approved device gets when it asks again after all its certificates expired
 */
public record GatewayConfig(String name, NamePolicy names, KeyKind keyKind, Duration leafLifetime,
                            String baseUrl, String adminTokenHash, Instant created, Optional<String> localDeviceEku,
                            LapsePolicy lapsedDevices) {

    public static final Duration MIN_LIFETIME = Duration.ofHours(1);
    public static final Duration MAX_LIFETIME = Duration.ofDays(398);

    /** With the default id-kp-localDevice ({@link Oids#KP_LOCAL_DEVICE}). */
    public GatewayConfig(String name, NamePolicy names, KeyKind keyKind, Duration leafLifetime, String baseUrl,
                         String adminTokenHash, Instant created) {
        this(name, names, keyKind, leafLifetime, baseUrl, adminTokenHash, created, Optional.of(Oids.KP_LOCAL_DEVICE));
    }

    /** With the default lapsed-device policy, {@link LapsePolicy#REAPPROVE}. */
    public GatewayConfig(String name, NamePolicy names, KeyKind keyKind, Duration leafLifetime, String baseUrl,
                         String adminTokenHash, Instant created, Optional<String> localDeviceEku) {
        this(name, names, keyKind, leafLifetime, baseUrl, adminTokenHash, created, localDeviceEku, LapsePolicy.REAPPROVE);
    }

    /**
     * Checks an EKU OID for {@code --local-device-eku}: dotted decimal, as ASN.1 allows.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkEku(String oid) {
        if (oid.length() > 200 || org.bouncycastle.asn1.ASN1ObjectIdentifier.tryFromID(oid) == null) {
            throw new IllegalArgumentException("'" + oid + "' is not an object identifier (dotted decimal, like 1.3.6.1.4.1.99999.1)");
        }
        return oid;
    }

    /** True when every arc fits in 31 bits: what Go's crypto/x509 and pyca/cryptography can parse. */
    public static boolean widelyParseable(String oid) {
        for (String arc : oid.split("\\.")) {
            if (arc.length() > 10 || Long.parseLong(arc) > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    public GatewayConfig {
        Objects.requireNonNull(lapsedDevices, "lapsedDevices");
        Objects.requireNonNull(localDeviceEku, "localDeviceEku");
        localDeviceEku.ifPresent(GatewayConfig::checkEku);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(keyKind, "keyKind");
        Objects.requireNonNull(leafLifetime, "leafLifetime");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(adminTokenHash, "adminTokenHash");
        Objects.requireNonNull(created, "created");
        checkSettings(name, leafLifetime, baseUrl);
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /**
     * Validates the user-chosen settings (also checked before a ceremony asks for a passphrase).
     *
     * @throws IllegalArgumentException with a message naming the setting
     */
    static void checkSettings(String name, Duration leafLifetime, String baseUrl) {
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("the CA name must be 1-64 characters");
        }
        if (leafLifetime.compareTo(MIN_LIFETIME) < 0 || leafLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("certificate lifetime must be between 1 hour and 398 days, not " + leafLifetime);
        }
        if (!baseUrl.matches("http://[A-Za-z0-9.\\[\\]:-]+(:[0-9]{1,5})?(/.*)?")) {
            throw new IllegalArgumentException("the URL must be plain http://HOST[:PORT] (OCSP and CRLs must not depend on TLS): " + baseUrl);
        }
    }

    public String ocspUrl() {
        return baseUrl + "/ocsp";
    }

    public String intermediateUrl() {
        return baseUrl + "/ca/intermediate.der";
    }

    public String rootUrl() {
        return baseUrl + "/ca/root.der";
    }

    /**
     * The CRL path every device certificate named before CRLs were served per issuing CA; the
     * gateway serves the oldest issuing CA still in use there (docs/gateway-run.md).
     */
    public String crlUrl() {
        return baseUrl + "/crl/intermediate.crl";
    }

    /**
     * The CRL of the issuing CA with this serial, written into the CRL distribution point of the
     * certificates it issues: one path per issuing CA, so a certificate of a replaced CA still
     * finds a CRL signed by its own issuer.
     */
    public String crlUrl(java.math.BigInteger issuerSerial) {
        return baseUrl + "/crl/" + crlFileName(issuerSerial);
    }

    /** "intermediate-SERIAL.crl", the last path segment of {@link #crlUrl(java.math.BigInteger)}. */
    public static String crlFileName(java.math.BigInteger issuerSerial) {
        return "intermediate-" + issuerSerial.toString(16) + ".crl";
    }

    /** The root's CRL, written into the issuing CAs' CRL distribution points. */
    public String rootCrlUrl() {
        return baseUrl + "/crl/root.crl";
    }
}
