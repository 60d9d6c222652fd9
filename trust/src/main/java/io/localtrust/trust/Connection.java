package io.localtrust.trust;

import io.localtrust.locality.Locality;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Whether the connection being verified is local (DESIGN.md §3: the peer address is local
 * <em>and</em> the host is an IP literal, a local zone or a single label). Decided by module
 * locality; an unknown connection counts as not local, so id-kp-localDevice fails closed.
 *
 * @param local  whether both the address and the name are local
 * @param reason a short explanation for messages
 */
public record Connection(boolean local, String reason) {

    public Connection {
        Objects.requireNonNull(reason, "reason");
    }

    /** Nothing is known about the connection: not local. */
    public static Connection unknown() {
        return new Connection(false, "connection not known to be local");
    }

    /** Decides with the given locality policy from the host asked for and the peer address connected to. */
    public static Connection of(String host, InetAddress peer, Locality locality) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(peer, "peer");
        boolean address = locality.isLocalAddress(peer);
        boolean name = locality.isLocalName(host);
        if (address && name) {
            return new Connection(true, "'" + host + "' at " + peer.getHostAddress() + " is local");
        }
        return new Connection(false, !address
                ? "peer address " + peer.getHostAddress() + " is not local"
                : "host '" + host + "' is not a local name");
    }
}
