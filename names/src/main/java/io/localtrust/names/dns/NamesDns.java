package io.localtrust.names.dns;

import io.localtrust.localdns.Authoritative;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.localdns.DnsResponder;
import io.localtrust.localdns.DnsServer;
import io.localtrust.locality.Locality;
import io.localtrust.names.NamesZone;
import io.localtrust.names.store.NamesStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The names zone on the wire: the gateway's {@link DnsServer} (UDP and TCP, truncation over UDP,
 * a per-source rate limit) and {@link Authoritative} (EDNS0, FORMERR, REFUSED outside the zone),
 * answering with {@link NameAnswers} from a {@link ZoneView} of the store.
 */
public final class NamesDns {
    private NamesDns() {
    }

    /** The responder alone, for a caller that feeds it bytes (the fuzz test, a benchmark). */
    public static DnsResponder responder(NamesZone zone, NamesStore store, DnsLimits limits, Clock clock) {
        return new Authoritative(zone.apex(), new NameAnswers(zone, new ZoneView(store, clock, limits.refresh()),
                new EmbeddedAddress(Locality.defaults())));
    }

    /**
     * Binds UDP and TCP on {@code listen} (port 0: a free port) and answers the zone.
     *
     * @throws IOException if the address cannot be bound (in use; port 53 needs root)
     */
    public static DnsServer start(NamesZone zone, NamesStore store, InetSocketAddress listen, DnsLimits limits, Clock clock)
            throws IOException {
        return DnsServer.start(responder(zone, store, limits, clock), zone.text(), listen, limits, clock);
    }
}
