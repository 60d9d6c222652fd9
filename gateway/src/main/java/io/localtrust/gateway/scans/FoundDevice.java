package io.localtrust.gateway.scans;

import io.localtrust.practice.Practice;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device a scan found, as the devices page shows it: read back from the scan's
 * {@code localtrust.scan/1} document (the stable format, so a report stored by an older version
 * still reads).
 *
 * @param address   where it answered
 * @param practice  its practice (seed type and label)
 * @param verdict   the scanner's short answer ("insecure", "trusted_locally", …)
 * @param ports     its endpoints as "8443/https"
 * @param names     the DNS names in its leaf certificate's subjectAltName
 * @param httpsPort the first port that answered over TLS
 * @param devIds    the dev-ids of the leaf keys it presented (to match a device the gateway knows)
 * @param notAfter  its leaf certificate's expiry, the soonest over its TLS ports
 * @param findings  its findings, most severe first
 */
public record FoundDevice(String address, Practice practice, String verdict, List<String> ports, List<String> names,
                          Optional<Integer> httpsPort, List<String> devIds, Optional<Instant> notAfter, List<Finding> findings) {
    /** One finding: code, severity (lowercase) and its sentence. */
    public record Finding(String code, String severity, String message) {
        public Finding {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(message, "message");
        }
    }

    public FoundDevice {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(verdict, "verdict");
        ports = List.copyOf(ports);
        names = List.copyOf(names);
        Objects.requireNonNull(httpsPort, "httpsPort");
        devIds = List.copyOf(devIds);
        Objects.requireNonNull(notAfter, "notAfter");
        findings = List.copyOf(findings);
    }

    /**
     * Where to open it: {@code https://NAME} (its persistent link) when its certificate names one,
     * else {@code https://ADDRESS:PORT}, else {@code http://ADDRESS:PORT} for a device with no TLS.
     */
    public String link() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        String port = ports.isEmpty() ? "" : ports.get(0).substring(0, ports.get(0).indexOf('/'));
        if (httpsPort.isPresent()) {
            String p = httpsPort.get() == 443 ? "" : ":" + httpsPort.get();
            return "https://" + (names.isEmpty() ? host : names.get(0)) + p + "/";
        }
        return "http://" + host + (port.isEmpty() || port.equals("80") ? "" : ":" + port) + "/";
    }
}
