package io.localtrust.names.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the DNS server answers for one registered subdomain, as of one store revision.
 *
 * @param subdomain the label under the zone, lowercase
 * @param address   the address the device last registered (method 2), as a literal
 * @param txt       the DNS-01 values set, oldest first (at most two)
 */
public record ZoneEntry(String subdomain, Optional<String> address, List<String> txt) {
    public ZoneEntry {
        Objects.requireNonNull(subdomain, "subdomain");
        Objects.requireNonNull(address, "address");
        txt = List.copyOf(txt);
    }
}
