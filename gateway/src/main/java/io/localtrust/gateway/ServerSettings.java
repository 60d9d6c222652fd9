package io.localtrust.gateway;

import io.localtrust.acme.AcmeSettings;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.localdns.LocalZone;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code gateway run} listens.
 *
 * @param httpsListen  the HTTPS address (admin API + public endpoints); port 0 picks a free one
 * @param httpListen   the plain-HTTP address (OCSP, CRL, CA certificates); port 0 picks a free one
 * @param tlsNames     DNS names the gateway's own certificate carries (the listen IP is added when permitted)
 * @param pollInterval how often the store's revision is read to pick up changes from other processes
 * @param acme         the ACME front end served over HTTPS at {@code /acme/directory}
 * @param dns          the local zone served over DNS (UDP and TCP), if asked for: off by default
 * @param mdns         the interface address to announce the gateway and discover devices on with mDNS/DNS-SD
 *                     ({@link io.localtrust.gateway.mdns.MdnsDiscovery}), if asked for: off by default
 */
public record ServerSettings(InetSocketAddress httpsListen, InetSocketAddress httpListen, List<String> tlsNames,
                             Duration pollInterval, Acme acme, Optional<Dns> dns, Optional<InetAddress> mdns) {
    /**
     * The local DNS zone: where it answers (port 53 needs root or CAP_NET_BIND_SERVICE; 0 picks a
     * free port), which zone, and how hard it may be asked (per-source rate, store refresh).
     */
    public record Dns(InetSocketAddress listen, LocalZone zone, DnsLimits limits) {
        public Dns {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(limits, "limits");
        }

        /** With {@link DnsLimits#defaults()}. */
        public Dns(InetSocketAddress listen, LocalZone zone) {
            this(listen, zone, DnsLimits.defaults());
        }
    }

    /**
     * ACME: the ports challenges are validated on at the device (RFC 8555 http-01 on 80, RFC 8737
     * tls-alpn-01 on 443 unless told: tests and unprivileged setups use others) and the front end's settings.
     */
    public record Acme(int validationHttpPort, int validationTlsPort, AcmeSettings settings) {
        public Acme {
            if (validationHttpPort < 1 || validationHttpPort > 65535 || validationTlsPort < 1 || validationTlsPort > 65535) {
                throw new IllegalArgumentException("validation ports must be 1-65535");
            }
            Objects.requireNonNull(settings, "settings");
        }

        public static Acme defaults() {
            return new Acme(80, 443, AcmeSettings.defaults());
        }
    }

    /** Without mDNS. */
    public ServerSettings(InetSocketAddress httpsListen, InetSocketAddress httpListen, List<String> tlsNames, Duration pollInterval,
                          Acme acme, Optional<Dns> dns) {
        this(httpsListen, httpListen, tlsNames, pollInterval, acme, dns, Optional.empty());
    }

    /** The same, announcing and discovering over mDNS on {@code address}. */
    public ServerSettings withMdns(InetAddress address) {
        return new ServerSettings(httpsListen, httpListen, tlsNames, pollInterval, acme, dns, Optional.of(address));
    }

    /** Without DNS. */
    public ServerSettings(InetSocketAddress httpsListen, InetSocketAddress httpListen, List<String> tlsNames, Duration pollInterval,
                          Acme acme) {
        this(httpsListen, httpListen, tlsNames, pollInterval, acme, Optional.empty());
    }

    /** With ACME on its defaults, without DNS. */
    public ServerSettings(InetSocketAddress httpsListen, InetSocketAddress httpListen, List<String> tlsNames, Duration pollInterval) {
        this(httpsListen, httpListen, tlsNames, pollInterval, Acme.defaults());
    }

    public static final String DEFAULT_NAME = "gateway.home.arpa";
    public static final Duration DEFAULT_POLL = Duration.ofMillis(200);

    public ServerSettings {
        Objects.requireNonNull(httpsListen, "httpsListen");
        Objects.requireNonNull(httpListen, "httpListen");
        tlsNames = List.copyOf(tlsNames);
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(acme, "acme");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(mdns, "mdns");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
    }

    /** Loopback on the given ports (0: any free one), the default name, the default poll. */
    public static ServerSettings loopback(int httpsPort, int httpPort) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new ServerSettings(new InetSocketAddress(lo, httpsPort), new InetSocketAddress(lo, httpPort),
                List.of(DEFAULT_NAME), DEFAULT_POLL);
    }

    /**
     * Parses "HOST:PORT", "[V6]:PORT" or ":PORT" (all addresses). HOST must be an IP literal or
     * resolvable.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static InetSocketAddress parseListen(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        String host = t.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port must be 0-65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "': unknown host " + host);
        }
    }

    /** "127.0.0.1:8080", "[::1]:8443", as a user writes it. */
    public static String describe(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
