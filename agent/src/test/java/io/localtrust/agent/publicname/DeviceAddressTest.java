package io.localtrust.agent.publicname;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of an interface's addresses a device bound to all of them registers with the names service. */
class DeviceAddressTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void prefersAPrivateIpv4AddressThenAUlaAndNeverAPublicOne() throws Exception {
        assertThat(DeviceAddress.choose(List.of(ip("fe80::1"), ip("203.0.113.9"), ip("fd12::7"), ip("192.168.1.20"))))
                .contains(ip("192.168.1.20"));
        assertThat(DeviceAddress.choose(List.of(ip("2001:db8::5"), ip("fd12::7")))).contains(ip("fd12::7"));
        assertThat(DeviceAddress.choose(List.of(ip("203.0.113.9"), ip("2001:db8::5"), ip("fe80::1")))).isEmpty();
        assertThat(DeviceAddress.choose(List.of(ip("10.0.0.4"), ip("172.16.9.1")))).contains(ip("10.0.0.4"));
    }

    @Test
    void aFixedAddressIsAlwaysThatOne() throws Exception {
        assertThat(DeviceAddress.fixed(ip("192.168.1.20")).current()).contains(ip("192.168.1.20"));
    }
}
