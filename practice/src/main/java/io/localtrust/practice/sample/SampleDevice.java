package io.localtrust.practice.sample;

import io.localtrust.practice.Practice;
import io.localtrust.practice.observe.DeviceObservation;
import java.util.Objects;

/**
 * One generated device.
 *
 * @param name        a device name for tables ("printer-a")
 * @param story       what it models, one line
 * @param expected    the practice the generator built it to have
 * @param observation its endpoints and chains
 */
public record SampleDevice(String name, String story, Practice expected, DeviceObservation observation) {
    public SampleDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(story, "story");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observation, "observation");
    }
}
