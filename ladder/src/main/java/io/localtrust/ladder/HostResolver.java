package io.localtrust.ladder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where a host name leads, for the one case where the connection's address is not at hand: an
 * {@code SSLEngine} (what {@code java.net.http.HttpClient} uses) knows the host but not the socket.
 * The default asks the JDK's resolver — the one the client just used, whose answers the JDK caches
 * (30 s by default) — and an IP literal is never looked up.
 */
@FunctionalInterface
public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JDK's resolver. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
