package io.localtrust.authority;

import java.util.Locale;

/**
 * Why the authority would not issue: stable codes that front ends map to their protocol's
 * errors (ACME problem types, EST status) and the CLI prints. Never renamed once released.
 */
public enum Refusal {
    /** Not a PKCS#10 request, or not parseable. */
    BAD_CSR,
    /** The CSR's self-signature does not verify: the requester does not hold the key. */
    BAD_CSR_SIGNATURE,
    /** Key type or curve the profile does not issue for. */
    UNSUPPORTED_KEY,
    /** A weak key: RSA below 2048 bits, a factorable or ROCA modulus. */
    WEAK_KEY,
    /** A key listed as compromised (firmware dumps, Debian's weak keys). */
    COMPROMISED_KEY,
    /** The key is already bound to another device: one key, one device (the seed's whole point). */
    KEY_BOUND_TO_OTHER_DEVICE,
    /**
     * A DNS name bound in the local zone to another device that holds a valid certificate for it
     * (one name, one device; revoking that certificate frees the name).
     */
    NAME_BOUND_TO_OTHER_DEVICE,
    /** An identity that is neither a DNS name nor an IP address, or no identity at all. */
    BAD_IDENTITY,
    /** An identity outside the CA's name constraints. */
    NAME_NOT_PERMITTED,
    /** The device waits for a person's approval. */
    PENDING_APPROVAL,
    /** The device was denied; the denial is remembered. */
    DENIED,
    /** The certificate the profile built failed a lint: nothing was signed. */
    LINT_FAILED,
    /** The store could not record it: nothing was returned. */
    STORE_FAILED;

    /** The lowercase-hyphen form used in JSON and CLI output ("key-bound-to-other-device"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
