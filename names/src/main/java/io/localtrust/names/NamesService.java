package io.localtrust.names;

import io.localtrust.localdns.DnsServer;
import io.localtrust.names.api.ApiServer;
import io.localtrust.names.api.ApiTls;
import io.localtrust.names.api.NamesApi;
import io.localtrust.names.dns.NamesDns;
import io.localtrust.names.store.NamesStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * One names responder: the DNS server and the HTTPS API over one store, the composition root of
 * the module. Stateless beyond the store: several run over one PostgreSQL behind one NS set
 * (docs/names.md). Closing stops both servers; the store is the caller's.
 */
public final class NamesService implements AutoCloseable {
    private final DnsServer dns;
    private final ApiServer api;

    private NamesService(DnsServer dns, ApiServer api) {
        this.dns = dns;
        this.api = api;
    }

    /**
     * Starts DNS then the API.
     *
     * @throws IOException if either address cannot be bound (nothing is left running)
     */
    public static NamesService start(NamesSettings settings, NamesStore store, ApiTls tls, Clock clock, SecureRandom random)
            throws IOException {
        DnsServer dns = NamesDns.start(settings.zone(), store, settings.dns(), settings.dnsLimits(), clock);
        try {
            ApiServer api = ApiServer.start(new NamesApi(settings.zone(), store, settings.apiLimits(), clock, random), tls, settings.api());
            return new NamesService(dns, api);
        } catch (IOException | RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    /** Where DNS is answered (UDP and TCP, one port). */
    public InetSocketAddress dnsAddress() {
        return dns.address();
    }

    /** Where the API listens. */
    public InetSocketAddress apiAddress() {
        return api.address();
    }

    @Override
    public void close() {
        api.close();
        dns.close();
    }
}
