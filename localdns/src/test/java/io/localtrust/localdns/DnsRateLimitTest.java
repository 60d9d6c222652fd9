package io.localtrust.localdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A UDP flood from one address: beyond its rate it is answered REFUSED, other addresses are still
 * answered, and however many queries come, the store is asked once per refresh interval.
 */
class DnsRateLimitTest {
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    @TempDir
    Path tmp;
    GatewayStore store;
    CountingNames counted;
    TestClock clock = new TestClock(T0);
    DnsServer server;

    @BeforeEach
    void start() throws Exception {
        store = GatewayStores.create(tmp.resolve("gw"));
        store.register("dev-printer", "spki-printer", List.of("printer.home.arpa"), T0);
        store.bind("printer.home.arpa", "192.168.1.20", "dev-printer", T0);
        counted = new CountingNames(store);
        server = DnsServer.start(LocalZone.of("home.arpa"), counted, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new DnsLimits(Duration.ofMillis(250), 20, Duration.ofSeconds(1)), clock);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        store.close();
    }

    /** Sends {@code count} queries for printer.home.arpa A from {@code source}; counts the replies by rcode. */
    private Map<Integer, Integer> flood(String source, int count) throws Exception {
        Map<Integer, Integer> rcodes = new HashMap<>();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(source), 0))) {
            s.setSoTimeout(3000);
            for (int i = 0; i < count; i++) {
                Message q = Message.newQuery(Record.newRecord(Name.fromString("printer.home.arpa."), Type.A, 1));
                byte[] wire = q.toWire();
                s.send(new DatagramPacket(wire, wire.length, server.address()));
            }
            for (int i = 0; i < count; i++) {
                DatagramPacket in = new DatagramPacket(new byte[512], 512);
                try {
                    s.receive(in);
                } catch (SocketTimeoutException e) {
                    break;
                }
                rcodes.merge(new Message(java.util.Arrays.copyOf(in.getData(), in.getLength())).getRcode(), 1, Integer::sum);
            }
        }
        return rcodes;
    }

    @Test
    void aFloodFromOneAddressIsRefusedBeyondItsRateOthersAreAnsweredAndTheStoreIsAskedOnce() throws Exception {
        assertThat(flood("127.0.0.1", 200)).containsOnly(Map.entry(Rcode.NOERROR, 20), Map.entry(Rcode.REFUSED, 180));
        assertThat(flood("127.0.0.2", 5)).containsOnly(Map.entry(Rcode.NOERROR, 5));
        assertThat(new Dig(server.address()).run("printer.home.arpa", "A")).as("dig from 127.0.0.1, still over its rate")
                .contains("status: REFUSED");
        assertThat(counted.revisionReads).as("205 queries answered, one store read").hasValue(1);

        clock.advance(Duration.ofMillis(500)); // half a second refills 10 tokens, and the names are read again
        assertThat(flood("127.0.0.1", 15)).containsOnly(Map.entry(Rcode.NOERROR, 10), Map.entry(Rcode.REFUSED, 5));
        assertThat(counted.revisionReads).hasValue(2);
    }
}
