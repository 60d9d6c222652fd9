package io.localtrust.gateway.scans;

import io.localtrust.scanner.Targets;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Scans page offers to scan when the owner types nothing else: where the gateway knows its
 * devices, and itself. A private IPv4 address on a LAN stands for its /24 (the home network it is
 * on); a loopback or IPv6 address stands for itself (a /24 of loopback is not a network, an IPv6
 * /64 is too large to scan); the gateway's HTTPS listener is added as {@code address:port}, unless
 * it listens on every address (its port is rarely among the scanner's defaults). Public addresses are left out: the scanner refuses them.
 */
public final class DefaultTargets {
    private DefaultTargets() {
    }

    /**
     * @param known  the addresses of the devices the gateway knows (IP literals; anything else is skipped)
     * @param listen the gateway's HTTPS listener
     */
    public static List<String> of(Collection<String> known, Optional<InetSocketAddress> listen) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : known) {
            literal(a).filter(Targets::isPrivate).ifPresent(ip -> out.add(target(ip)));
        }
        listen.filter(l -> !l.getAddress().isAnyLocalAddress() && Targets.isPrivate(l.getAddress())).ifPresent(l -> {
            String host = l.getAddress().getHostAddress();
            out.add((host.contains(":") ? "[" + host + "]" : host) + ":" + l.getPort());
        });
        return List.copyOf(out);
    }

    private static String target(InetAddress ip) {
        if (ip instanceof Inet4Address && !ip.isLoopbackAddress()) {
            byte[] b = ip.getAddress();
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
        }
        return ip.getHostAddress();
    }

    /** An IP literal, parsed without any lookup; anything else is empty. */
    private static Optional<InetAddress> literal(String s) {
        try {
            if (s.matches("([0-9]{1,3}\\.){3}[0-9]{1,3}")) {
                String[] o = s.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(o[i]);
                    if (v > 255) {
                        return Optional.empty();
                    }
                    b[i] = (byte) v;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            if (s.contains(":") && s.matches("[0-9A-Fa-f:.]+")) {
                return Optional.of(InetAddress.getByName(s)); // an IPv6 literal: parsed, never looked up
            }
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
