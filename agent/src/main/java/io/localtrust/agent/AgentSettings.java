package io.localtrust.agent;

import io.localtrust.agent.web.AgentServer;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code device run} was started.
 *
 * @param directory       the gateway's ACME directory URL
 * @param listen          where the device's HTTP and HTTPS listen
 * @param poll            how often a waiting order is polled
 * @param statusCheck     how often at most the OCSP response is fetched again (it is also at half its validity)
 * @param stepTimeout     how long one ACME step may take before the gateway counts as slow
 * @param firstRetry      the wait after the first failed enrolment; later waits follow the backoff table's ratios
 *                        ({@link io.localtrust.agent.renewal.RenewalPlan#BACKOFF})
 * @param firmwareVersion what the status tokens say the device runs
 */
public record AgentSettings(URI directory, AgentServer.Listen listen, Duration poll, Duration statusCheck, Duration stepTimeout,
                            Duration firstRetry, String firmwareVersion) {
    /** The first wait of the backoff table: 10 s. */
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(10);

    public AgentSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(statusCheck, "statusCheck");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("the first retry wait must be positive");
        }
    }
}
