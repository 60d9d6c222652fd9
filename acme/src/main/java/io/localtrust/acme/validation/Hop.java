package io.localtrust.acme.validation;

import io.localtrust.acme.Printable;
import io.localtrust.locality.Addresses;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;

/**
 * One request of an http-01 validation: the URL as the device sees it, and where the
 * validator actually connects.
 *
 * @param url        the URL requested (its host is the identifier or a redirect's host)
 * @param address    the address connected to: never the result of a DNS lookup
 * @param port       the port connected to
 * @param hostHeader the {@code Host} header value
 */
record Hop(URI url, InetAddress address, int port, String hostHeader) {
    static final String WELL_KNOWN = "/.well-known/acme-challenge/";

    Hop {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostHeader, "hostHeader");
    }

    /** The first request: {@code http://<identifier>[:port]/.well-known/acme-challenge/<token>} at the target's address. */
    static Hop first(ValidationTarget target, int port, String token) {
        String host = target.hostText();
        URI url = URI.create("http://" + host + (port == 80 ? "" : ":" + port) + WELL_KNOWN + token);
        return new Hop(url, target.address(), port, host);
    }

    boolean https() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** The SNI name for an https hop: the URL's host if it is a name, none for an IP literal. */
    String sni() {
        String host = url.getHost();
        return host == null || Addresses.literal(host).isPresent() ? "" : host;
    }

    /** The request target: path and query. */
    String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** "http://device.lan/.well-known/… (at 192.168.1.20:80)", for details. */
    String describe() {
        return Printable.prefix(url.toString(), 200) + " (at " + endpoint() + ")";
    }

    /** "192.168.1.20:80", "[fd00::1]:80". */
    String endpoint() {
        return endpoint(address, port);
    }

    static String endpoint(InetAddress address, int port) {
        String a = Addresses.text(Addresses.unmapped(address));
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port;
    }
}
