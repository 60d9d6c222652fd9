package io.localtrust.trust;

/**
 * What a trust anchor vouches for, and so which rung of the decision ladder (DESIGN.md §3) a
 * path ending in it can reach.
 */
public enum AnchorKind {
    /** A web PKI root: a valid path for the host name is {@code TRUSTED_PUBLIC}. */
    PUBLIC,
    /** The root of a local gateway CA (U-L/S): {@code TRUSTED_LOCAL} on a local connection. */
    LOCAL_GATEWAY,
    /** A device vendor or IoT authority root: {@code TRUSTED_VENDOR} with id-kp-localDevice, locally. */
    VENDOR
}
