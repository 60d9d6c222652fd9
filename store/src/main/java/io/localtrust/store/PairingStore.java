package io.localtrust.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pairing grants: what the owner hands a device's ACME client ({@code gateway pair}) to present as
 * External Account Binding (RFC 8555 §7.3.4). Redeemed once — bound to the requester that presented
 * it — and, until it ends, the devices of that requester asking for its names are approved. The
 * store keeps no key material: the HMAC key is derived from the kid and a secret kept beside the
 * CA keys, so a copy of the store cannot mint a binding.
 */
public interface PairingStore {

    /**
     * A pairing grant.
     *
     * @param kid     the key identifier the client sends (random)
     * @param names   the names and addresses its devices are approved for; empty: any the CA may certify
     * @param until   when it ends: it cannot be redeemed after, and approves nothing after
     * @param actor   who made it
     * @param holder  who redeemed it ("acme:ACCOUNT"), once
     * @param boundAt when it was redeemed
     */
    record PairingGrant(String kid, List<String> names, Instant createdAt, Instant until, String actor,
                        Optional<String> holder, Optional<Instant> boundAt) {
        public PairingGrant {
            Objects.requireNonNull(kid, "kid");
            names = List.copyOf(names);
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(boundAt, "boundAt");
            if (holder.isPresent() != boundAt.isPresent()) {
                throw new IllegalArgumentException("a grant is redeemed by a holder at a time, or not at all");
            }
        }

        /** Open for redemption at {@code at}: not redeemed, not ended. */
        public boolean redeemable(Instant at) {
            return holder.isEmpty() && at.isBefore(until);
        }

        /** Whether it approves a device of its holder asking for {@code asked} at {@code at}. */
        public boolean covers(List<String> asked, Instant at) {
            return holder.isPresent() && at.isBefore(until) && (names.isEmpty() || names.containsAll(asked));
        }
    }

    /**
     * Stores a new, unredeemed grant and its audit entry (action "pair", subject the kid, by its
     * actor) in one transaction.
     *
     * @throws StoreException {@code CONFLICT} for a kid already stored
     */
    void addPairingGrant(PairingGrant grant) throws StoreException;

    Optional<PairingGrant> pairingGrant(String kid) throws StoreException;

    /** Every grant, newest first. */
    List<PairingGrant> pairingGrants() throws StoreException;

    /** The grants a holder redeemed. */
    List<PairingGrant> pairingGrantsOf(String holder) throws StoreException;

    /**
     * Redeems a grant for {@code holder} if it is still redeemable at {@code at} (the UPDATE's own
     * condition: two redeemers cannot both win), with its audit entry ("pair-redeem").
     *
     * @return false if it was redeemed already or has ended (nothing written)
     * @throws StoreException {@code NOT_FOUND} for a kid never stored
     */
    boolean redeemPairingGrant(String kid, String holder, Instant at) throws StoreException;
}
