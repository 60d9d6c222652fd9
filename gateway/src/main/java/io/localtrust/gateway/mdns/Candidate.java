package io.localtrust.gateway.mdns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A service something on the LAN announced over mDNS/DNS-SD (RFC 6762, RFC 6763): a device that
 * may want onboarding.
 *
 * @param instance  the DNS-SD instance name ("Office printer")
 * @param type      "_https._tcp" or "_http._tcp"
 * @param host      the host name it announced ("printer.local")
 * @param addresses its addresses, IP literals
 * @param port      the service's port
 * @param seen      when it was last resolved
 */
public record Candidate(String instance, String type, String host, List<String> addresses, int port, Instant seen) {
    public Candidate {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(seen, "seen");
    }

    /** Where a browser opens it: https for {@code _https._tcp}, http otherwise; by address (a .local name may not resolve). */
    public String url() {
        String scheme = type.startsWith("_https") ? "https" : "http";
        String h = addresses.isEmpty() ? host : addresses.get(0);
        h = h.contains(":") ? "[" + h + "]" : h;
        int dflt = scheme.equals("https") ? 443 : 80;
        return scheme + "://" + h + (port == dflt ? "" : ":" + port) + "/";
    }
}
