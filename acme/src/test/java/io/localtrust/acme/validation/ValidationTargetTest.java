package io.localtrust.acme.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ValidationTargetTest {
    @Test
    void ipIdentifierIsValidatedAtItsOwnAddress() throws Exception {
        assertThatThrownBy(() -> new ValidationTarget(IdentifierType.IP, "192.168.1.20", InetAddress.getByName("192.168.1.21")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 8738");
        assertThat(ValidationTarget.ip(InetAddress.getByName("::ffff:192.168.1.20")).identifier()).isEqualTo("192.168.1.20");
    }

    @Test
    void ipIdentifierMustBeALiteralAndDnsIdentifierMustNot() throws Exception {
        InetAddress a = InetAddress.getByName("192.168.1.20");
        assertThatThrownBy(() -> new ValidationTarget(IdentifierType.IP, "printer.lan", a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP literal");
        assertThatThrownBy(() -> ValidationTarget.dns("192.168.1.20", a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the IP literal");
    }

    @Test
    void dnsIdentifierCannotSmuggleHeaders() throws Exception {
        assertThatThrownBy(() -> ValidationTarget.dns("printer.lan\r\nX-Evil: 1", InetAddress.getByName("192.168.1.20")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visible ASCII");
    }

    @Test
    void hostTextBracketsIpv6() throws Exception {
        assertThat(ValidationTarget.ip(InetAddress.getByName("fd00::1")).hostText()).isEqualTo("[fd00::1]");
        assertThat(ValidationTarget.ip(InetAddress.getByName("10.0.0.1")).hostText()).isEqualTo("10.0.0.1");
        assertThat(ValidationTarget.dns("Printer.LAN", InetAddress.getByName("10.0.0.1")).isIdentifier("printer.lan.")).isTrue();
    }
}
