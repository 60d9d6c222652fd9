package io.localtrust.trust;

/** Why a path did not validate: one code per check, stable for JSON and for the ladder. */
public enum Reason {
    /** No path from the leaf to any trust anchor could be built. */
    NO_PATH_TO_ANCHOR,
    /** Path building stopped at the deadline or the candidate cap. */
    SEARCH_LIMIT,
    /** A certificate could not be parsed or carries a malformed extension. */
    MALFORMED,
    BAD_SIGNATURE,
    /** The signature algorithm is refused (MD2, MD5) or disagrees with the TBS algorithm. */
    WEAK_SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    NOT_A_CA,
    PATH_LENGTH,
    KEY_USAGE,
    EXTENDED_KEY_USAGE,
    NAME_CONSTRAINTS,
    POLICY,
    UNKNOWN_CRITICAL_EXTENSION,
    /** Subject and issuer names do not chain (RFC 5280 §6.1.3 (a)(4)). */
    NAME_CHAINING,
    REVOKED,
    /** Revocation was required and no usable CRL covered a certificate. */
    REVOCATION_UNKNOWN,
    /** The certificate does not match the host name or IP address asked for (RFC 6125). */
    HOST_MISMATCH,
    /** id-kp-localDevice presented over a connection that is not local (DESIGN.md §3, §4). */
    LOCAL_DEVICE_NOT_LOCAL,
    /** The certificate breaks the strict profile (RFC 5280 §4 MUSTs, CA/Browser Forum web PKI rules). */
    PROFILE,
    /** The input itself was unusable (no certificate, bad request). */
    BAD_INPUT
}
