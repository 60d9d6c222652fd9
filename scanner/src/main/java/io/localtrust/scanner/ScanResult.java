package io.localtrust.scanner;

import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.Practice;
import io.localtrust.practice.observe.DeviceObservation;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scan.
 *
 * @param started    when probing began (validity is judged at this instant)
 * @param finished   when classification ended
 * @param targets    the targets as the user typed them
 * @param ports      the ports probed on targets given without one
 * @param probes     address × port probes planned
 * @param unprobed   probes not run because the scan's deadline passed
 * @param devices    every device with an endpoint that answered, classified, in address order
 * @param unanswered devices with open ports none of which answered usefully (each endpoint carries its error)
 */
public record ScanResult(Instant started, Instant finished, List<String> targets, List<Integer> ports, int probes, int unprobed,
                         List<DeviceAssessment> devices, List<DeviceObservation> unanswered) {
    public ScanResult {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        targets = List.copyOf(targets);
        ports = List.copyOf(ports);
        devices = List.copyOf(devices);
        unanswered = List.copyOf(unanswered);
    }

    /** Devices per practice, every practice present (zero where none). */
    public Map<Practice, Integer> summary() {
        Map<Practice, Integer> m = new EnumMap<>(Practice.class);
        for (Practice p : Practice.values()) {
            m.put(p, 0);
        }
        devices.forEach(d -> m.merge(d.practice(), 1, Integer::sum));
        return m;
    }
}
