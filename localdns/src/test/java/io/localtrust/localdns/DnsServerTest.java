package io.localtrust.localdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** The local zone answering {@code dig} over UDP and TCP on loopback, from a real (SQLite) store. */
class DnsServerTest {
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    @TempDir
    Path tmp;
    GatewayStore store;
    DnsServer server;
    Dig dig;

    @BeforeEach
    void start() throws Exception {
        store = GatewayStores.create(tmp.resolve("gw"));
        device("dev-printer", "printer.home.arpa");
        device("dev-nas", "nas.home.arpa");
        store.bind("printer.home.arpa", "192.168.1.20", "dev-printer", T0);
        store.bind("nas.home.arpa", "fd00::20", "dev-nas", T0);
        server = DnsServer.start(LocalZone.of("home.arpa"), store, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        dig = new Dig(server.address());
    }

    private void device(String devId, String name) throws Exception {
        store.register(devId, devId + "-spki", List.of(name), T0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        store.close();
    }

    @Test
    void aBoundNameAnswersItsAddressOverUdpAndTcpInAnyCase() throws Exception {
        assertThat(dig.answers("printer.home.arpa", "A")).containsExactly("192.168.1.20");
        assertThat(dig.answers("printer.home.arpa", "A", "+tcp")).containsExactly("192.168.1.20");
        assertThat(dig.answers("PRINTER.Home.ARPA", "A")).containsExactly("192.168.1.20");
        assertThat(dig.answers("nas.home.arpa", "AAAA", "+tcp")).containsExactly("fd00::20");
        String full = dig.run("printer.home.arpa", "A");
        assertThat(full).contains("status: NOERROR").containsPattern("flags: qr aa;").contains("printer.home.arpa.\t60\tIN\tA\t192.168.1.20");
    }

    @Test
    void aNameBoundWhileRunningIsAnsweredAtOnce() throws Exception {
        assertThat(dig.run("cam.home.arpa", "A")).contains("status: NXDOMAIN");
        device("dev-cam", "cam.home.arpa");
        store.bind("cam.home.arpa", "192.168.1.30", "dev-cam", T0);

        assertThat(dig.answers("cam.home.arpa", "A")).containsExactly("192.168.1.30");
    }

    @Test
    void anUnknownNameIsNxdomainWithTheSoaAndAnotherTypeIsNodata() throws Exception {
        String unknown = dig.run("scanner.home.arpa", "A");
        assertThat(unknown).contains("status: NXDOMAIN").containsPattern("flags: qr aa;")
                .containsPattern("home\\.arpa\\.\\s+60\\s+IN\\s+SOA\\s+ns\\.home\\.arpa\\. hostmaster\\.home\\.arpa\\.");

        String nodata = dig.run("printer.home.arpa", "AAAA");
        assertThat(nodata).contains("status: NOERROR").contains("ANSWER: 0,").contains("AUTHORITY: 1,");
    }

    @Test
    void aNameWithBoundNamesBelowItIsNodataAndOtherOpcodesAreNotImplemented() throws Exception {
        device("dev-cam", "cam.garden.home.arpa");
        store.bind("cam.garden.home.arpa", "192.168.1.31", "dev-cam", T0);

        assertThat(dig.run("garden.home.arpa", "A")).contains("status: NOERROR").contains("ANSWER: 0,");
        assertThat(dig.run("printer.home.arpa", "A", "+opcode=status")).contains("status: NOTIMP");
    }

    @Test
    void theApexHasSoaAndNs() throws Exception {
        assertThat(dig.answers("home.arpa", "SOA")).singleElement().asString()
                .startsWith("ns.home.arpa. hostmaster.home.arpa. ").endsWith(" 3600 600 86400 60");
        assertThat(dig.answers("home.arpa", "NS", "+tcp")).containsExactly("ns.home.arpa.");
    }

    @Test
    void namesOutsideTheZoneAreRefusedWithoutRecursion() throws Exception {
        String out = dig.run("example.com", "A", "+recurse");
        assertThat(out).contains("status: REFUSED").doesNotContain("flags: qr aa").doesNotContain(" ra;").doesNotContain(" ra ");
        assertThat(dig.run("home.arpa.example.com", "A")).contains("status: REFUSED");
    }

    @Test
    void garbageGetsFormerrAndTheServerKeepsAnswering() throws Exception {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 'p', 'r'};
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(garbage, garbage.length, server.address()));
            s.send(new DatagramPacket(new byte[] {1}, 1, server.address()));
            DatagramPacket in = new DatagramPacket(new byte[512], 512);
            s.receive(in);
            Message reply = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
            assertThat(reply.getHeader().getID()).isEqualTo(0x1234);
            assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
        }
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(garbage.length);
            out.write(garbage);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] wire = in.readNBytes(in.readUnsignedShort());
            assertThat(new Message(wire).getRcode()).isEqualTo(Rcode.FORMERR);
        }
        assertThat(dig.answers("printer.home.arpa", "A")).containsExactly("192.168.1.20");
        assertThat(dig.answers("printer.home.arpa", "A", "+tcp")).containsExactly("192.168.1.20");
    }
}
