package io.localtrust.agent.identity;

import java.util.Objects;

/**
 * What {@code device.json} records about this device (format {@value #FORMAT}): who it is and
 * where its key lives. Public — no secret goes in here.
 *
 * @param name    the DNS name it is known by (printer.home.arpa)
 * @param devId   the dev-id of its key, checked against the key at every start
 * @param custody {@code pkcs12} or {@code pkcs11}
 * @param created first boot, RFC 3339 UTC
 */
public record DeviceState(String format, String name, String devId, String custody, String created) {
    public static final String FORMAT = "localtrust.device/1";

    public DeviceState {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(custody, "custody");
        java.time.Instant.parse(Objects.requireNonNull(created, "created"));
    }
}
