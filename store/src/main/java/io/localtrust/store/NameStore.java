package io.localtrust.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's local DNS zone: each name bound to the address of the device a certificate for it
 * was issued to. Whether a name may move to another device is the authority's rule; the store keeps
 * the latest binding.
 */
public interface NameStore {

    /**
     * A name and the address it resolves to.
     *
     * @param name    a DNS name, lowercase, no trailing dot
     * @param address an IPv4 or IPv6 address literal
     * @param devId   the device it belongs to
     */
    record NameBinding(String name, String address, String devId, Instant boundAt) {
        public NameBinding {
            name = normalise(Objects.requireNonNull(name, "name"));
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(devId, "devId");
            Objects.requireNonNull(boundAt, "boundAt");
        }

        /** Lowercase, without a trailing dot: names are compared case-insensitively (RFC 4343). */
        public static String normalise(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        }
    }

    /**
     * Decides, for a certificate of the device a name is bound to (unexpired and unrevoked at the
     * claim's time: the store checks that), whether it certifies the name. The store does not read
     * certificates; the authority does.
     */
    @FunctionalInterface
    interface Certifies {
        boolean certifies(io.localtrust.store.IssuedCertificate certificate, String name);
    }

    /**
     * Names claimed for a device by {@link #claim}, ended by {@link #settle} or {@link #release}.
     *
     * @param names    the names, normalised
     * @param until    when the claim lapses if neither settled nor released (a crashed issuance)
     * @param replaced the bindings the claim replaced, put back by {@link #release}
     */
    record NameClaim(List<String> names, String address, String devId, Instant until, List<Replaced> replaced) {
        public NameClaim {
            names = List.copyOf(names);
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(devId, "devId");
            Objects.requireNonNull(until, "until");
            replaced = List.copyOf(replaced);
        }
    }

    /** A binding a claim replaced, with its own claim's end if it was still claimed. */
    record Replaced(NameBinding binding, Optional<Instant> claimedUntil) {
        public Replaced {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(claimedUntil, "claimedUntil");
        }
    }

    /** What {@link #claim} did: took every name, or found one held by another device and wrote nothing. */
    sealed interface Claim {
        /** Every name is now bound to the device, claimed until the claim's end. */
        record Taken(NameClaim claim) implements Claim {
        }

        /** A name belongs to another device: it holds a certificate for it, or its own claim is in flight. */
        record Held(NameBinding holder, boolean inFlight) implements Claim {
        }
    }

    /**
     * Claims DNS names for a device at an address, in one transaction with the check that they are
     * free: a name bound to another device is taken only if that device's claim has lapsed (or was
     * settled) and none of its unexpired, unrevoked certificates certifies the name
     * ({@code certifies} decides). All or nothing. Two devices claiming one free name at once: one
     * gets {@link Claim.Taken}, the other {@link Claim.Held}.
     *
     * @param until when the claim lapses if it is neither settled nor released
     * @throws StoreException {@code NOT_FOUND} for a device never registered
     */
    Claim claim(List<String> names, String address, String devId, Instant at, Instant until, Certifies certifies)
            throws StoreException;

    /** Ends a claim whose certificate is stored: the names stay bound, no longer in flight. */
    void settle(NameClaim claim) throws StoreException;

    /**
     * Ends a claim whose certificate will not be issued: each name still under this claim gets its
     * earlier binding back, or is unbound if it had none.
     */
    void release(NameClaim claim) throws StoreException;

    /**
     * Binds (or re-binds) a name to a device's address.
     *
     * @throws StoreException {@code NOT_FOUND} for a device never registered
     */
    NameBinding bind(String name, String address, String devId, Instant at) throws StoreException;

    /** The binding of a name (any case, trailing dot or not). */
    Optional<NameBinding> binding(String name) throws StoreException;

    /** Every binding, by name. */
    List<NameBinding> bindings() throws StoreException;

    /** Grows with every committed write to the store: a reader caches bindings against it. */
    long revision() throws StoreException;

    /**
     * How many write transactions this store object has committed, counted in memory (never read
     * from the database): a free signal that this process changed something. A reader that polls
     * {@link #revision()} only now and then checks this on every use, so a change made here is seen
     * at once and one made by another process within its polling interval.
     */
    long localWrites();
}
