package io.localtrust.scanner;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what the user typed into {@link Target}s: an address ({@code 192.168.1.20}, {@code fd00::5}),
 * a range ({@code 127.0.3.1-40}, {@code 10.0.0.1-10.0.1.20}), a CIDR ({@code 192.168.1.0/24}), a host
 * name, or any of these single hosts with a port ({@code printer.home.arpa:8443}, {@code [fd00::5]:443}).
 *
 * <p>Public addresses are refused unless {@code allowPublic}: scanning other people's networks is the
 * mistake this tool must make hard. Private here means loopback, RFC 1918, link-local, RFC 6598
 * shared space and IPv6 unique-local. A CIDR skips its network and broadcast addresses (IPv4, prefix
 * up to /30), as nmap's host list does not. At most {@link #MAX_ADDRESSES} addresses in all.
 */
public final class Targets {
    /** A /16: more than that is not one home or office network. */
    public static final int MAX_ADDRESSES = 65_536;

    /** Resolves a host name; injected so tests need no DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress resolve(String name) throws UnknownHostException;
    }

    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(.*))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?");

    private final boolean allowPublic;
    private final Resolver resolver;

    public Targets(boolean allowPublic, Resolver resolver) {
        this.allowPublic = allowPublic;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Parses every argument, in order. */
    public List<Target> parse(List<String> texts) throws TargetException {
        List<Target> out = new ArrayList<>();
        for (String t : texts) {
            out.addAll(parse(t));
            if (out.size() > MAX_ADDRESSES) {
                throw new TargetException("more than " + MAX_ADDRESSES + " addresses in all: split the scan");
            }
        }
        if (out.isEmpty()) {
            throw new TargetException("no target: give an address, a range, a CIDR or host:port");
        }
        return out;
    }

    /** Parses one argument. */
    public List<Target> parse(String text) throws TargetException {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new TargetException("an empty target: give an address, a range, a CIDR or host:port");
        }
        Matcher br = BRACKETED.matcher(t);
        if (br.matches()) {
            InetAddress a = literal(br.group(1), text);
            return List.of(checked(new Target(a, Optional.empty(), port(br.group(2), text)), text));
        }
        if (t.contains("/")) {
            return cidr(t, text);
        }
        if (t.contains("-") && t.matches("[0-9.]+-[0-9.]+")) {
            return range(t, text);
        }
        if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            String host = t.substring(0, t.indexOf(':'));
            OptionalInt port = port(t.substring(t.indexOf(':') + 1), text);
            return List.of(checked(host(host, text, port), text));
        }
        return List.of(checked(host(t, text, OptionalInt.empty()), text));
    }

    private Target host(String h, String whole, OptionalInt port) throws TargetException {
        if (h.matches("[0-9.]+") || h.contains(":")) {
            return new Target(literal(h, whole), Optional.empty(), port);
        }
        if (!NAME.matcher(h).matches()) {
            throw new TargetException("'" + whole + "' is not an address, a range (127.0.3.1-40), a CIDR (192.168.1.0/24)"
                    + " or host:port");
        }
        try {
            return new Target(resolver.resolve(h), Optional.of(h.endsWith(".") ? h.substring(0, h.length() - 1) : h), port);
        } catch (UnknownHostException e) {
            throw new TargetException("'" + whole + "': the name " + h + " does not resolve");
        }
    }

    private List<Target> range(String t, String whole) throws TargetException {
        String[] parts = t.split("-", -1);
        long first = v4(parts[0], whole);
        long last = parts[1].contains(".") ? v4(parts[1], whole) : (first & ~0xffL) | octet(parts[1], whole);
        if (last < first) {
            throw new TargetException("'" + whole + "': the range ends before it starts");
        }
        return span(first, last, whole);
    }

    private List<Target> cidr(String t, String whole) throws TargetException {
        String[] parts = t.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,3}")) {
            throw new TargetException("'" + whole + "' is not a CIDR like 192.168.1.0/24");
        }
        int prefix = Integer.parseInt(parts[1]);
        InetAddress base = literal(parts[0], whole);
        if (base instanceof Inet6Address) {
            if (prefix > 128 || prefix < 112) {
                throw new TargetException("'" + whole + "': an IPv6 CIDR must be /112 to /128 (at most " + MAX_ADDRESSES + " addresses)");
            }
            List<Target> out = new ArrayList<>();
            byte[] b = base.getAddress();
            int host = 128 - prefix;
            int start = ((b[14] & 0xff) << 8 | (b[15] & 0xff)) & ~((1 << host) - 1);
            for (int i = 0; i < (1 << host); i++) {
                b[14] = (byte) ((start + i) >>> 8);
                b[15] = (byte) (start + i);
                out.add(checked(new Target(address(b), Optional.empty(), OptionalInt.empty()), whole));
            }
            return out;
        }
        if (prefix > 32) {
            throw new TargetException("'" + whole + "': an IPv4 prefix is /0 to /32");
        }
        if (32 - prefix > 16) {
            throw new TargetException("'" + whole + "' holds more than " + MAX_ADDRESSES + " addresses: split the scan");
        }
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long first = v4(parts[0], whole) & mask;
        long last = first | (~mask & 0xffffffffL);
        return prefix <= 30 ? span(first + 1, last - 1, whole) : span(first, last, whole);
    }

    private List<Target> span(long first, long last, String whole) throws TargetException {
        if (last - first + 1 > MAX_ADDRESSES) {
            throw new TargetException("'" + whole + "' holds more than " + MAX_ADDRESSES + " addresses: split the scan");
        }
        List<Target> out = new ArrayList<>();
        for (long a = first; a <= last; a++) {
            byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
            out.add(checked(new Target(address(b), Optional.empty(), OptionalInt.empty()), whole));
        }
        return out;
    }

    private Target checked(Target t, String whole) throws TargetException {
        InetAddress a = t.address();
        if (a.isAnyLocalAddress() || a.isMulticastAddress() || (a instanceof Inet4Address && a.getAddress()[0] == (byte) 255)) {
            throw new TargetException("'" + whole + "': " + a.getHostAddress() + " is not a device address");
        }
        if (!allowPublic && !isPrivate(a)) {
            throw new TargetException("'" + whole + "': " + a.getHostAddress() + " is a public address; scanning networks that are"
                    + " not yours is refused (pass --allow-public if this one is)");
        }
        return t;
    }

    /** Loopback, RFC 1918, link-local, RFC 6598 (100.64.0.0/10) or IPv6 unique-local (fc00::/7). */
    public static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        return (b[0] & 0xfe) == 0xfc;
    }

    private static OptionalInt port(String p, String whole) throws TargetException {
        if (p == null) {
            return OptionalInt.empty();
        }
        if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65_535) {
            throw new TargetException("'" + whole + "': '" + p + "' is not a port from 1 to 65535");
        }
        return OptionalInt.of(Integer.parseInt(p));
    }

    private static InetAddress literal(String s, String whole) throws TargetException {
        if (s.matches("[0-9.]+")) {
            long v = v4(s, whole);
            return address(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }
        if (!s.matches("[0-9A-Fa-f:.]+") || !s.contains(":")) {
            throw new TargetException("'" + whole + "': '" + s + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(s); // an IPv6 literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new TargetException("'" + whole + "': '" + s + "' is not an IP address");
        }
    }

    private static long v4(String s, String whole) throws TargetException {
        String[] o = s.split("\\.", -1);
        if (o.length != 4) {
            throw new TargetException("'" + whole + "': '" + s + "' is not an IPv4 address");
        }
        long v = 0;
        for (String x : o) {
            v = (v << 8) | octet(x, whole);
        }
        return v;
    }

    private static int octet(String s, String whole) throws TargetException {
        if (!s.matches("[0-9]{1,3}") || Integer.parseInt(s) > 255) {
            throw new TargetException("'" + whole + "': '" + s + "' is not a number from 0 to 255");
        }
        return Integer.parseInt(s);
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are an address", e);
        }
    }
}
