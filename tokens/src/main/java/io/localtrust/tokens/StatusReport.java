package io.localtrust.tokens;

import java.util.Objects;

/**
 * What the device states in a token; the signer adds the rest (times, nonce, dev-id and key
 * thumbprint, which it derives from the TLS key itself rather than taking them from the caller).
 *
 * @param deviceName      the iss claim: the device's name
 * @param firmwareVersion 1–64 printable ASCII characters
 * @param status          the device's state
 */
public record StatusReport(String deviceName, String firmwareVersion, DeviceStatus status) {
    public StatusReport {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(status, "status");
        StatusClaims.checkDeviceName(deviceName);
        StatusClaims.checkFirmwareVersion(firmwareVersion);
    }
}
