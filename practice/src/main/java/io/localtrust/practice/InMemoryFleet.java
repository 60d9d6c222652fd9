package io.localtrust.practice;

import io.localtrust.practice.observe.DeviceObservation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link FleetView} over a set of observations: each observation is one device, and a key is
 * counted once per device however many of its ports present it.
 */
public final class InMemoryFleet implements FleetView {
    private final Map<String, Integer> devicesByKey;
    private final int deviceCount;

    private InMemoryFleet(Map<String, Integer> devicesByKey, int deviceCount) {
        this.devicesByKey = Map.copyOf(devicesByKey);
        this.deviceCount = deviceCount;
    }

    public static InMemoryFleet of(List<DeviceObservation> devices) {
        Map<String, Integer> counts = new HashMap<>();
        for (DeviceObservation d : devices) {
            Set<String> keys = new HashSet<>();
            d.endpoints().forEach(e -> e.tls().ifPresent(t -> keys.add(t.chain().leaf().fingerprints().spkiSha256())));
            keys.forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        return new InMemoryFleet(counts, devices.size());
    }

    @Override
    public int devicesWithKey(String spkiSha256) {
        return devicesByKey.getOrDefault(spkiSha256, 0);
    }

    @Override
    public int deviceCount() {
        return deviceCount;
    }
}
