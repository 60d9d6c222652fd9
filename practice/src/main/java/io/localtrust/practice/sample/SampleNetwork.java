package io.localtrust.practice.sample;

import io.localtrust.practice.FleetView;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.context.TrustContext;
import java.util.List;
import java.util.Objects;

/**
 * A generated network: its devices and the trust context they are judged in.
 *
 * @param devices every device, in display order
 * @param context public roots (the simulated public CA, plus whatever the caller passed), the
 *                gateway's root as local anchor, a vendor root, a compromised-key list
 */
public record SampleNetwork(List<SampleDevice> devices, TrustContext context) {
    public SampleNetwork {
        devices = List.copyOf(devices);
        Objects.requireNonNull(context, "context");
    }

    /** The fleet view over all sample devices, so shared firmware keys show up as shared. */
    public FleetView fleet() {
        return InMemoryFleet.of(devices.stream().map(SampleDevice::observation).toList());
    }
}
