package io.localtrust.scanner;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One address to probe.
 *
 * @param address the address connected to
 * @param name    the host name the user gave, sent as SNI; empty for an address or a range
 * @param port    the one port to probe ({@code host:port}); empty means the scan's port list
 */
public record Target(InetAddress address, Optional<String> name, OptionalInt port) {
    public Target {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(port, "port");
    }

    /** The address as text ("192.168.1.20"), the key devices are grouped by. */
    public String host() {
        return address.getHostAddress();
    }
}
