package io.localtrust.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIdentityTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path tmp;

    private DeviceIdentity open(String name, boolean reset) throws IdentityException {
        return DeviceIdentity.open(new DeviceIdentity.Request(new StateDir(tmp.resolve("state")), name, Optional.empty(), reset),
                CLOCK, new SecureRandom());
    }

    @Test
    void firstBootMakesAnOwnerOnlyKeyAndARestartFindsTheSameDevice() throws Exception {
        DeviceIdentity first = open("printer.home.arpa", false);
        assertThat(first.created()).isTrue();
        Path key = tmp.resolve("state/device-key.p12");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("state/acme-account.p12"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(tmp.resolve("state/device.json"))).contains(first.devId()).doesNotContain("PRIVATE");
        assertThat(first.key().toString()).contains(first.devId()).doesNotContain("BEGIN");
        DeviceIdentity again = open("printer.home.arpa", false);
        assertThat(again.created()).isFalse();
        assertThat(again.devId()).isEqualTo(first.devId());
        assertThat(again.account().devId()).isEqualTo(first.account().devId()).isNotEqualTo(first.devId());
    }

    @Test
    void aDamagedOrMissingKeyRefusesTheStartAndResetMakesANewDevice() throws Exception {
        String devId = open("printer.home.arpa", false).devId();
        Path key = tmp.resolve("state/device-key.p12");
        Files.write(key, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> open("printer.home.arpa", false)).isInstanceOf(IdentityException.class)
                .hasMessageContaining("device-key.p12 is damaged").hasMessageContaining(devId)
                .hasMessageContaining("--reset-identity");
        Files.delete(key);
        assertThatThrownBy(() -> open("printer.home.arpa", false)).hasMessageContaining("is missing")
                .hasMessageContaining("refusing to start");
        assertThatThrownBy(() -> open("scanner.home.arpa", false)).hasMessageContaining("this device is printer.home.arpa");
        DeviceIdentity fresh = open("printer.home.arpa", true);
        assertThat(fresh.created()).isTrue();
        assertThat(fresh.devId()).isNotEqualTo(devId);
    }

    @Test
    void aFirstBootInterruptedBeforeItsCommitPointStartsAfresh() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.write(state.resolve("device-key.p12.new"), new byte[] {9});
        DeviceIdentity d = open("printer.home.arpa", false);
        assertThat(d.created()).isTrue();
        assertThat(state.resolve("device-key.p12.new")).doesNotExist();
        assertThat(open("printer.home.arpa", false).devId()).isEqualTo(d.devId());
    }

    @Test
    void aKeyWithoutDeviceJsonIsDamagedStateNotAFirstBoot() throws Exception {
        open("printer.home.arpa", false);
        Files.delete(tmp.resolve("state/device.json"));
        assertThatThrownBy(() -> open("printer.home.arpa", false)).hasMessageContaining("no device.json");
    }
}
