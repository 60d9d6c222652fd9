package io.localtrust.agent.onboarding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Whether the device's clock agrees with its gateway's. A device's clock decides whether its
 * certificate and OCSP responses are valid; one that is hours off serves a certificate it thinks
 * is not yet valid or staples nothing. The gateway's HTTP {@code Date} header (RFC 9110 §6.6.1)
 * on its ACME directory is compared with the injected clock; beyond {@link #TOLERANCE} the
 * device warns (it does not set its clock: that is the OS's job, and an HTTP date is no time
 * source to trust blindly). Failing to ask is no finding: onboarding reports the connection.
 */
public final class GatewayClock {
    /** How far apart the clocks may be before the device warns. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param http a client trusting the gateway's root at any time ({@link GatewayAcmeProvider#clockProbeClient}):
     *             this device's clock may be what is wrong
     */
    public GatewayClock(HttpClient http, Clock clock, Duration timeout) {
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A warning when the gateway's clock and this device's differ by more than {@link #TOLERANCE}. */
    public Optional<String> check(URI directory) {
        Optional<Instant> theirs = gatewayTime(directory);
        if (theirs.isEmpty()) {
            return Optional.empty();
        }
        return judge(theirs.get(), clock.instant());
    }

    /** The warning for a gateway time {@code theirs} seen at local time {@code ours}, if they are too far apart. */
    public static Optional<String> judge(Instant theirs, Instant ours) {
        Duration apart = Duration.between(theirs, ours).abs();
        if (apart.compareTo(TOLERANCE) <= 0) {
            return Optional.empty();
        }
        String which = ours.isBefore(theirs) ? "behind" : "ahead";
        return Optional.of("this device's clock (" + ours + ") is " + minutes(apart) + " " + (which.equals("behind") ? "behind" : "ahead of") + " the gateway's ("
                + theirs + "): certificates and OCSP responses will look " + (which.equals("behind") ? "not yet valid" : "expired")
                + " — is the clock " + which + "?");
    }

    private Optional<Instant> gatewayTime(URI directory) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(directory).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.headers().firstValue("Date").flatMap(GatewayClock::parse);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Instant> parse(String date) {
        try {
            return Optional.of(ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 120 ? Math.round(d.toSeconds() / 3600.0) + " hours" : Math.round(d.toSeconds() / 60.0) + " minutes";
    }
}
