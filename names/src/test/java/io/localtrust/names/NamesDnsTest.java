package io.localtrust.names;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.store.Account;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** The names zone answering BIND's {@code dig} over UDP and TCP on loopback, from a real SQLite store. */
class NamesDnsTest {
    static final String DEV = "abcdefghijklmnopqrstuvwxyz234567";
    static final String TXT1 = "a".repeat(43);
    static final String TXT2 = "B".repeat(42) + "_";
    /** Enough long NS names that the NS set does not fit 512 bytes: truncated over UDP without EDNS. */
    static final List<String> MANY_NS = IntStream.range(0, 12)
            .mapToObj(i -> "ns" + i + "-of-the-names-service-run-by-an-operator-" + i + ".example.org").toList();
    @TempDir
    Path dir;
    Running names;

    @BeforeEach
    void start() throws Exception {
        names = new Running(dir, ApiLimits.defaults(), MANY_NS);
        Instant t = Instant.parse("2026-06-01T12:00:00Z");
        names.store.register(new Account("11111111-1111-4111-8111-111111111111", "x", DEV, List.of(), Optional.of("thumb"), t));
        names.store.setAddress(DEV, "192.168.1.20", t);
        names.store.setTxt(DEV, TXT1, t);
        names.store.setTxt(DEV, TXT2, t);
    }

    @AfterEach
    void stop() {
        names.close();
    }

    @Test
    void method1AnswersTheEmbeddedLocalAddressInHexOrDashedFormInAnyCase() throws Exception {
        assertThat(names.dig.answers("c0a80114." + DEV + ".devices.example.net", "A")).containsExactly("192.168.1.20");
        assertThat(names.dig.answers("C0A8011E." + DEV.toUpperCase() + ".Devices.Example.NET", "A", "+tcp")).containsExactly("192.168.1.30");
        assertThat(names.dig.answers("10-0-0-7." + DEV + ".devices.example.net", "A")).containsExactly("10.0.0.7");
        assertThat(names.dig.answers("7f000001." + DEV + ".devices.example.net", "A")).containsExactly("127.0.0.1");
        assertThat(names.dig.answers("fd000000000000000000000000000020." + DEV + ".devices.example.net", "AAAA")).containsExactly("fd00::20");
        assertThat(names.dig.answers("fe800000000000000000000000000001." + DEV + ".devices.example.net", "AAAA")).containsExactly("fe80::1");
        String full = names.dig.run("c0a80114." + DEV + ".devices.example.net", "A");
        assertThat(full).contains("status: NOERROR").containsPattern("flags: qr aa;");
        // an IPv4 name asked for AAAA exists, without that type: NODATA
        assertThat(names.dig.run("c0a80114." + DEV + ".devices.example.net", "AAAA")).contains("status: NOERROR").contains("ANSWER: 0,")
                .contains("AUTHORITY: 1,");
    }

    @Test
    void anEmbeddedPublicAddressOrAnUnregisteredDeviceDoesNotExist() throws Exception {
        for (String label : List.of("08080808", "8-8-8-8", "20010db8000000000000000000000001", "2a001450400100000000000000000001",
                "c0a8011", "192-168-1-256", "192-168-01-1", "nothex00", "00000000")) {
            assertThat(names.dig.run(label + "." + DEV + ".devices.example.net", "A")).as(label).contains("status: NXDOMAIN")
                    .containsPattern("devices\\.example\\.net\\.\\s+60\\s+IN\\s+SOA");
        }
        assertThat(names.dig.run("c0a80114.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.devices.example.net", "A")).contains("status: NXDOMAIN");
        assertThat(names.dig.run("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.devices.example.net", "A")).contains("status: NXDOMAIN");
        assertThat(names.dig.run("a.c0a80114." + DEV + ".devices.example.net", "A")).contains("status: NXDOMAIN");
    }

    @Test
    void method2AnswersTheRegisteredAddressAndAChangeShowsAtOnce() throws Exception {
        assertThat(names.dig.answers(DEV + ".devices.example.net", "A")).containsExactly("192.168.1.20");
        names.store.setAddress(DEV, "fd00::7", Instant.now());
        assertThat(names.dig.answers(DEV + ".devices.example.net", "AAAA", "+tcp")).containsExactly("fd00::7");
        assertThat(names.dig.run(DEV + ".devices.example.net", "A")).contains("status: NOERROR").contains("ANSWER: 0,");
    }

    @Test
    void acmeChallengeAnswersTheTwoLatestTxtValues() throws Exception {
        assertThat(names.dig.answers("_acme-challenge." + DEV + ".devices.example.net", "TXT")).containsExactlyInAnyOrder(
                "\"" + TXT1 + "\"", "\"" + TXT2 + "\"");
        String third = "c".repeat(43);
        names.store.setTxt(DEV, third, Instant.now());
        assertThat(names.dig.answers("_ACME-Challenge." + DEV + ".devices.example.net", "TXT")).containsExactlyInAnyOrder(
                "\"" + TXT2 + "\"", "\"" + third + "\"");
        // where acme-dns serves them: the subdomain itself (a CNAME target)
        assertThat(names.dig.answers(DEV + ".devices.example.net", "TXT")).hasSize(2);
        assertThat(names.dig.run("_acme-challenge." + DEV + ".devices.example.net", "A")).contains("status: NOERROR").contains("ANSWER: 0,");
    }

    @Test
    void theApexHasSoaAndNsAndOutsideTheZoneIsRefused() throws Exception {
        assertThat(names.dig.answers("devices.example.net", "SOA")).singleElement().asString()
                .startsWith("ns0-of-the-names-service-run-by-an-operator-0.example.org. hostmaster.devices.example.net. ")
                .endsWith(" 3600 600 86400 60");
        assertThat(names.dig.answers("devices.example.net", "NS", "+tcp")).hasSize(12);
        assertThat(names.dig.run("example.net", "SOA")).contains("status: REFUSED");
        assertThat(names.dig.run("c0a80114." + DEV + ".devices.example.org", "A")).contains("status: REFUSED");
        assertThat(names.dig.run("example.com", "A", "+recurse")).contains("status: REFUSED").doesNotContain(" ra ");
    }

    @Test
    void aLargeAnswerIsTruncatedOverUdpAndDigRetriesOverTcp() throws Exception {
        assertThat(names.dig.run("devices.example.net", "NS", "+noedns", "+ignore")).containsPattern("flags: qr aa tc;");
        String fallback = names.dig.run("devices.example.net", "NS", "+noedns");
        assertThat(fallback).contains("Truncated, retrying in TCP mode.").contains("ANSWER: 12,");
        String edns = names.dig.run("devices.example.net", "NS");
        assertThat(edns).contains("EDNS: version: 0").contains("udp: 1232").contains("ANSWER: 12,").doesNotContain("Truncated");
    }

    @Test
    void malformedHugeAndLoopingNamesGetFormerrAndTheServerKeepsAnswering() throws Exception {
        byte[] header = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
        // a name whose compression pointer points at itself
        byte[] loop = concat(header, new byte[] {(byte) 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01});
        // a name of 300 bytes: over the 255 a name may have
        List<Byte> huge = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            huge.add((byte) 59);
            for (int j = 0; j < 59; j++) {
                huge.add((byte) 'a');
            }
        }
        huge.add((byte) 0);
        byte[] hugeName = new byte[huge.size()];
        for (int i = 0; i < hugeName.length; i++) {
            hugeName[i] = huge.get(i);
        }
        byte[] tooLong = concat(concat(header, hugeName), new byte[] {0x00, 0x01, 0x00, 0x01});
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(5000);
            for (byte[] q : List.of(loop, tooLong)) {
                s.send(new DatagramPacket(q, q.length, names.service.dnsAddress()));
                DatagramPacket in = new DatagramPacket(new byte[512], 512);
                s.receive(in);
                Message reply = new Message(Arrays.copyOf(in.getData(), in.getLength()));
                assertThat(reply.getHeader().getID()).isEqualTo(0x1234);
                assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
            }
        }
        assertThat(names.dig.answers("c0a80114." + DEV + ".devices.example.net", "A")).containsExactly("192.168.1.20");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
