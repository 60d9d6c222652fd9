package io.localtrust.practice;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.practice.sample.SampleDevice;
import io.localtrust.practice.sample.SampleNetwork;
import io.localtrust.practice.sample.SampleNetworks;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleNetworksTest {
    @Test
    void everySampleDeviceIsClassifiedAsBuiltAndAllSevenPracticesAppear() {
        SampleNetwork net = new SampleNetworks(Instant.parse("2026-06-01T00:00:00Z"), new SecureRandom()).generate(List.of());
        Classifier classifier = Classifier.standard();
        Set<Practice> seen = EnumSet.noneOf(Practice.class);
        for (SampleDevice d : net.devices()) {
            DeviceAssessment a = classifier.classify(d.observation(), net.context(), net.fleet());
            assertThat(a.practice()).as(d.name()).isEqualTo(d.expected());
            seen.add(a.practice());
        }
        assertThat(seen).containsExactlyInAnyOrder(Practice.values());
    }
}
