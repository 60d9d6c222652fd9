package io.localtrust.localdns;

import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The zone the gateway is authoritative for, {@code home.arpa} by default (RFC 8375), and its TTL.
 *
 * @param apex the zone's name, absolute
 * @param ttl  seconds, for every answer and the SOA minimum (negative caching, RFC 2308)
 */
public record LocalZone(Name apex, long ttl) {
    public static final long DEFAULT_TTL = 60;

    public LocalZone {
        Objects.requireNonNull(apex, "apex");
        if (!apex.isAbsolute()) {
            throw new IllegalArgumentException("the zone's name is absolute");
        }
        if (ttl < 0) {
            throw new IllegalArgumentException("a TTL is not negative");
        }
    }

    /** The zone {@code name} ("home.arpa", any case, trailing dot or not) with the default TTL. */
    public static LocalZone of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        try {
            return new LocalZone(Name.fromString(n.endsWith(".") ? n : n + "."), DEFAULT_TTL);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    /** The name server the SOA and NS records name: {@code ns.<zone>}. */
    Name nameServer() {
        return child("ns");
    }

    /** The SOA's mailbox: {@code hostmaster.<zone>}. */
    Name hostmaster() {
        return child("hostmaster");
    }

    private Name child(String label) {
        try {
            return Name.concatenate(Name.fromString(label), apex);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            throw new IllegalStateException("cannot name " + label + " in " + apex, e);
        }
    }

    /** The zone's name without the trailing dot, lowercase ("home.arpa"). */
    public String text() {
        return apex.toString(true).toLowerCase(Locale.ROOT);
    }
}
