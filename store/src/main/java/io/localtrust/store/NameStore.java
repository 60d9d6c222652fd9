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
