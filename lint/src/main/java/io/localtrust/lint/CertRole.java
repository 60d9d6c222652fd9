package io.localtrust.lint;

/** Where a certificate sits in the chain being linted; some lints apply to one role only. */
public enum CertRole {
    /** The end-entity (device) certificate. */
    LEAF,
    /** A CA certificate between the leaf and the anchor. */
    INTERMEDIATE,
    /** A self-signed CA certificate (a trust anchor, or one presented as if it were). */
    ROOT
}
