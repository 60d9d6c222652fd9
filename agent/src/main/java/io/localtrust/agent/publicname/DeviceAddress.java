package io.localtrust.agent.publicname;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where the device is on its LAN now — the address {@code <dev-id>.<zone>} must answer. Asked
 * again at every check, so the name follows the device when DHCP moves it. Only a private
 * address is ever offered (the names service refuses a public one anyway: a public name must
 * never point at someone else's public address).
 */
@FunctionalInterface
public interface DeviceAddress {
    Optional<InetAddress> current();

    /** A device listening on one address: it cannot move without a restart. */
    static DeviceAddress fixed(InetAddress address) {
        Optional<InetAddress> a = Optional.of(address);
        return () -> a;
    }

    /**
     * A device listening on every address: the first RFC 1918 IPv4 address, else the first ULA
     * (fc00::/7) IPv6 address, of an interface that is up and neither loopback nor virtual.
     * Empty when there is none (the registration then carries no address).
     */
    static DeviceAddress lan() {
        return () -> {
            List<InetAddress> all = new ArrayList<>();
            try {
                for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (i.isUp() && !i.isLoopback() && !i.isVirtual()) {
                        all.addAll(Collections.list(i.getInetAddresses()));
                    }
                }
            } catch (SocketException e) {
                return Optional.empty();
            }
            return choose(all);
        };
    }

    /** The first RFC 1918 IPv4 address of {@code addresses}, else the first ULA (fc00::/7); never a public or loopback one. */
    static Optional<InetAddress> choose(List<InetAddress> addresses) {
        return addresses.stream().filter(a -> a instanceof Inet4Address && a.isSiteLocalAddress()).findFirst()
                .or(() -> addresses.stream().filter(a -> a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc).findFirst());
    }
}
