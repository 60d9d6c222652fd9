package io.localtrust.x509;

import java.util.Map;

/** Object identifiers localtrust names, and their readable names. */
public final class Oids {
    private Oids() {
    }

    /**
     * id-kp-localDevice: the Local Device extended key usage (DESIGN.md §4). Minted under the
     * ITU-T X.667 UUID arc 2.25, which needs no registration; the draft's "id-kp 10" is taken
     * (id-kp-dvcs, RFC 3029).
     */
    public static final String KP_LOCAL_DEVICE = "2.25.136569058625649687336312788844416211699";
    public static final String KP_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String KP_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    public static final String KP_CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    public static final String KP_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    public static final String KP_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    public static final String KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    public static final String ANY_EKU = "2.5.29.37.0";

    private static final Map<String, String> EKU_NAMES = Map.of(
            KP_LOCAL_DEVICE, "id-kp-localDevice",
            KP_SERVER_AUTH, "serverAuth",
            KP_CLIENT_AUTH, "clientAuth",
            KP_CODE_SIGNING, "codeSigning",
            KP_EMAIL_PROTECTION, "emailProtection",
            KP_TIME_STAMPING, "timeStamping",
            KP_OCSP_SIGNING, "OCSPSigning",
            ANY_EKU, "anyExtendedKeyUsage");

    /** "serverAuth", "id-kp-localDevice", or the dotted OID for one we do not name. */
    public static String ekuName(String oid) {
        return EKU_NAMES.getOrDefault(oid, oid);
    }
}
