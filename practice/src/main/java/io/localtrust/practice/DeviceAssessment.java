package io.localtrust.practice;

import io.localtrust.lint.Finding;
import io.localtrust.lint.Severity;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one device.
 *
 * @param observation what was seen
 * @param practice    the seed practice (the worst over the device's TLS endpoints)
 * @param uniqueness  whether the key is the device's own
 * @param anchor      the anchor the deciding chain validated to, with its kind
 * @param findings    sorted by {@link Finding#REPORT_ORDER}
 */
public record DeviceAssessment(DeviceObservation observation, Practice practice, Uniqueness uniqueness,
                               Optional<AnchorMatch> anchor, List<Finding> findings) {

    /** The anchor a chain validated to. */
    public record AnchorMatch(AnchorSet.Kind kind, Cert anchor, String source) {
        public AnchorMatch {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(source, "source");
        }
    }

    public DeviceAssessment {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(uniqueness, "uniqueness");
        Objects.requireNonNull(anchor, "anchor");
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
    }

    /**
     * The one-line reason for the verdict, for tables: the most severe finding when it is
     * critical or high, else the finding that decided the practice (the anchor reached).
     */
    public String reason() {
        Optional<Finding> top = findings.stream().findFirst();
        if (top.isPresent() && top.get().severity().compareTo(Severity.HIGH) <= 0) {
            return top.get().message();
        }
        return findings.stream().filter(f -> DECIDING.contains(f.code())).findFirst()
                .or(() -> top).map(Finding::message).orElse(practice.title());
    }

    private static final java.util.Set<String> DECIDING = java.util.Set.of(
            Findings.PUBLIC_ANCHOR.name(), Findings.LOCAL_ANCHOR.name(), Findings.VENDOR_ANCHOR.name());
}
