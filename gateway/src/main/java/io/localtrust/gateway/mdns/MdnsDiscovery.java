package io.localtrust.gateway.mdns;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mDNS/DNS-SD on one interface address, with jmdns: the gateway announces its console as an
 * {@code _https._tcp} service (instance "localtrust gateway — NAME", TXT {@code path=/console/},
 * {@code localtrust=gateway}) and browses {@code _https._tcp} and {@code _http._tcp}, keeping what
 * it resolves as {@link Candidate}s — devices on the LAN to onboard, listed by the console.
 * Opt-in ({@code gateway run --mdns ADDRESS}): announcing the gateway to the LAN is the owner's choice.
 * What others announce is only shown, never trusted: a candidate is onboarded by the usual approval.
 */
public final class MdnsDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MdnsDiscovery.class);
    static final List<String> TYPES = List.of("_https._tcp.local.", "_http._tcp.local.");
    /** At most this many candidates are kept: a noisy LAN cannot grow the gateway's memory without bound. */
    static final int MAX_CANDIDATES = 1000;

    private final JmDNS jmdns;
    private final Clock clock;
    private final String ownInstance;
    private final int ownPort;
    private final Map<String, Candidate> candidates = new ConcurrentHashMap<>();
    private volatile ServiceInfo self;

    private MdnsDiscovery(JmDNS jmdns, Clock clock, String ownInstance, int ownPort) {
        this.jmdns = jmdns;
        this.clock = clock;
        this.ownInstance = ownInstance;
        this.ownPort = ownPort;
    }

    /**
     * Starts announcing and browsing on {@code address}.
     *
     * @param gatewayName the gateway's name as its owner set it (in the instance name)
     * @param httpsPort   where the console is served
     */
    public static MdnsDiscovery start(InetAddress address, String gatewayName, int httpsPort, Clock clock) throws IOException {
        JmDNS j = JmDNS.create(address, "localtrust-gateway");
        String instance = "localtrust gateway — " + gatewayName;
        MdnsDiscovery d = new MdnsDiscovery(j, clock, instance, httpsPort);
        try {
            ServiceInfo me = ServiceInfo.create("_https._tcp.local.", instance, httpsPort, 0, 0,
                    Map.of("path", "/console/", "localtrust", "gateway"));
            d.self = me;
            for (String type : TYPES) {
                j.addServiceListener(type, d.listener(type));
            }
            j.registerService(me);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** Services resolved and not withdrawn, newest first; never the gateway's own. */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>(candidates.values());
        out.sort(Comparator.comparing(Candidate::seen).reversed());
        return out;
    }

    /** The instance name the gateway announces itself with. */
    public String ownInstance() {
        return ownInstance;
    }

    private ServiceListener listener(String type) {
        String shortType = type.replace(".local.", "");
        return new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent e) {
                jmdns.requestServiceInfo(e.getType(), e.getName(), 3000);
            }

            @Override
            public void serviceRemoved(ServiceEvent e) {
                candidates.remove(shortType + "/" + e.getName());
            }

            @Override
            public void serviceResolved(ServiceEvent e) {
                ServiceInfo i = e.getInfo();
                if (i == null || i.getPort() <= 0) {
                    return;
                }
                // Our own announcement: jmdns renames the registered ServiceInfo in place on a conflict (RFC 6762 §9).
                ServiceInfo me = self;
                if (me != null && i.getPort() == ownPort && i.getQualifiedName().equalsIgnoreCase(me.getQualifiedName())) {
                    return;
                }
                List<String> addresses = new ArrayList<>();
                for (InetAddress a : i.getInetAddresses()) {
                    addresses.add(a.getHostAddress());
                }
                String key = shortType + "/" + e.getName();
                if (candidates.size() >= MAX_CANDIDATES && !candidates.containsKey(key)) {
                    return;
                }
                String host = Optional.ofNullable(i.getServer()).map(s -> s.endsWith(".") ? s.substring(0, s.length() - 1) : s).orElse("");
                candidates.put(key, new Candidate(e.getName(), shortType, host, addresses, i.getPort(), clock.instant()));
            }
        };
    }

    @Override
    public void close() {
        try {
            jmdns.unregisterAllServices();
            jmdns.close();
        } catch (IOException e) {
            LOG.debug("closing mDNS: {}", e.getMessage());
        }
    }
}
