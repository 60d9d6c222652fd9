package io.localtrust.trust;

/**
 * The use the leaf is verified for, as Chrome models it (verify_certificate_chain.cc). In the
 * plain modes a certificate without EKU is fine and anyExtendedKeyUsage stands in for the
 * purpose; the strict modes require the purpose itself ({@code _STRICT_LEAF}: on the leaf only).
 */
public enum KeyPurpose {
    /** No EKU check at all. */
    ANY,
    SERVER_AUTH,
    SERVER_AUTH_STRICT,
    SERVER_AUTH_STRICT_LEAF,
    CLIENT_AUTH,
    CLIENT_AUTH_STRICT,
    CLIENT_AUTH_STRICT_LEAF;

    boolean server() {
        return this == SERVER_AUTH || this == SERVER_AUTH_STRICT || this == SERVER_AUTH_STRICT_LEAF;
    }

    /** Whether anyExtendedKeyUsage (or no EKU) is refused on a certificate at this position. */
    boolean strictFor(boolean leaf) {
        return switch (this) {
            case SERVER_AUTH_STRICT, CLIENT_AUTH_STRICT -> true;
            case SERVER_AUTH_STRICT_LEAF, CLIENT_AUTH_STRICT_LEAF -> leaf;
            default -> false;
        };
    }
}
