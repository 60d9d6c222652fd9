package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types reject bad input with a message naming the problem. */
class ValuesTest {
    private static final String DEV_ID = "abcdefghijklmnopqrstuvwxyz";
    private static final String JKT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @Test
    void nonceIsBoundedVisibleAscii() {
        assertThat(new Nonce("12345678").value()).isEqualTo("12345678");
        assertThat(new Nonce("x".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> new Nonce("1234567")).hasMessage("a nonce has 8 to 64 characters, not 7");
        assertThatThrownBy(() -> new Nonce("x".repeat(65))).hasMessage("a nonce has 8 to 64 characters, not 65");
        assertThatThrownBy(() -> new Nonce("1234 5678")).hasMessage("a nonce holds visible ASCII characters only, not U+0020 at position 5");
        assertThatThrownBy(() -> new Nonce("12345678\u00e9")).hasMessageContaining("U+00E9");
    }

    @Test
    void randomNoncesAreFreshAndMatchOnlyThemselves() {
        SecureRandom random = new SecureRandom();
        Nonce a = Nonce.random(random);
        Nonce b = Nonce.random(random);
        assertThat(a.value()).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(a.matches(new Nonce(a.value()))).isTrue();
        assertThat(a.matches(b)).isFalse();
        assertThat(new Nonce("12345678").matches(new Nonce("123456789"))).isFalse();
    }

    @Test
    void claimsEnforceTheirForm() {
        assertThat(claims("printer.home.arpa", DEV_ID, 300, JKT, "1.0").lifetime().toSeconds()).isEqualTo(300);
        assertThatThrownBy(() -> claims("printer.home.arpa", DEV_ID, 301, JKT, "1.0")).hasMessage(
                "a status token lives at most 5 minutes, not 301 s");
        assertThatThrownBy(() -> claims("printer.home.arpa", DEV_ID, 0, JKT, "1.0")).hasMessageContaining("must be after iat");
        assertThatThrownBy(() -> claims("", DEV_ID, 60, JKT, "1.0")).hasMessageContaining("iss must be the device's name");
        assertThatThrownBy(() -> claims("a".repeat(254), DEV_ID, 60, JKT, "1.0")).hasMessageContaining("iss must be");
        assertThatThrownBy(() -> claims("printer", DEV_ID.toUpperCase(), 60, JKT, "1.0")).hasMessageContaining("sub must be a dev-id");
        assertThatThrownBy(() -> claims("printer", DEV_ID, 60, JKT.substring(1), "1.0")).hasMessageContaining("cnf.jkt");
        assertThatThrownBy(() -> claims("printer", DEV_ID, 60, JKT, " 1.0")).hasMessageContaining("firmware version");
        assertThatThrownBy(() -> claims("printer", DEV_ID, 60, JKT, "1".repeat(65))).hasMessageContaining("firmware version");
        assertThat(claims("fe80::1", DEV_ID, 60, JKT, "1".repeat(64)).issuer()).isEqualTo("fe80::1");
        assertThatThrownBy(() -> new StatusClaims("printer", DEV_ID, NOW.plusMillis(1), NOW.plusSeconds(60), Optional.empty(), JKT, "1",
                DeviceStatus.OK)).hasMessage("iat and exp are whole seconds (NumericDate)");
    }

    @Test
    void reportChecksWhatTheDeviceStates() {
        assertThatThrownBy(() -> new StatusReport("printer\nhome", "1.0", DeviceStatus.OK))
                .hasMessage("iss must be the device's name: 1 to 253 of A–Z a–z 0–9 . _ : -, not 'printer?home'");
        assertThatThrownBy(() -> new StatusReport("printer", "", DeviceStatus.OK)).hasMessageContaining("firmware version");
    }

    @Test
    void statusWireNamesAreLowercase() {
        assertThat(DeviceStatus.MAINTENANCE.wireName()).isEqualTo("maintenance");
        assertThat(DeviceStatus.fromWireName("degraded")).contains(DeviceStatus.DEGRADED);
        assertThat(DeviceStatus.fromWireName("DEGRADED")).isEmpty();
    }

    @Test
    void formatFromContentType() {
        assertThat(TokenFormat.fromMediaType("application/jwt")).contains(TokenFormat.JWT);
        assertThat(TokenFormat.fromMediaType("Application/COSE; cose-type=\"cose-sign1\"")).contains(TokenFormat.COSE);
        assertThat(TokenFormat.fromMediaType("application/json")).isEmpty();
        assertThat(TokenFormat.fromMediaType(null)).isEmpty();
    }

    private static StatusClaims claims(String iss, String sub, long lifetime, String jkt, String firmware) {
        return new StatusClaims(iss, sub, NOW, NOW.plusSeconds(lifetime), Optional.empty(), jkt, firmware, DeviceStatus.OK);
    }
}
