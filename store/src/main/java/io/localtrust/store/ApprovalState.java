package io.localtrust.store;

/** A device identity's standing with the gateway (the seed's "approving something in an application"). */
public enum ApprovalState {
    /** Asked for a certificate; nobody has decided yet. */
    PENDING,
    /** Approved: by a person, a pairing code, or a pre-authorised name. */
    APPROVED,
    /** Denied; remembered, so asking again does not reopen it. */
    DENIED
}
