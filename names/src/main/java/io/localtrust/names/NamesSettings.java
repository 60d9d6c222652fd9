package io.localtrust.names;

import io.localtrust.localdns.DnsLimits;
import io.localtrust.names.api.ApiLimits;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How {@code localtrust names run} serves.
 *
 * @param zone      the zone and its SOA and NS
 * @param dns       where DNS is answered (UDP and TCP)
 * @param api       where the HTTPS API listens
 * @param dnsLimits store refresh interval and per-source DNS rate
 * @param apiLimits per-source and per-account API rates
 */
public record NamesSettings(NamesZone zone, InetSocketAddress dns, InetSocketAddress api, DnsLimits dnsLimits, ApiLimits apiLimits) {
    public NamesSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(dnsLimits, "dnsLimits");
        Objects.requireNonNull(apiLimits, "apiLimits");
    }
}
