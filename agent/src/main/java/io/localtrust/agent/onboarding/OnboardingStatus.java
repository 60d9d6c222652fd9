package io.localtrust.agent.onboarding;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where onboarding stands, as the console and the onboarding status page show it. Holds no
 * secret but the pairing code, which the device shows its owner on purpose.
 *
 * @param phase   the step
 * @param detail  one human line
 * @param pairing the code to type on the gateway, while waiting for approval
 * @param retryAt when the next attempt starts, after a failure
 * @param at      when this status was reached
 */
public record OnboardingStatus(Phase phase, String detail, Optional<PairingCode> pairing, Optional<Instant> retryAt,
                               Instant at) {
    /** The steps of onboarding (and of a renewal, which goes through the same ones). */
    public enum Phase { CONTACTING, VALIDATING, WAITING_FOR_APPROVAL, ISSUED, DENIED, FAILED }

    public OnboardingStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(pairing, "pairing");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(at, "at");
    }

    public static OnboardingStatus of(Phase phase, String detail, Instant at) {
        return new OnboardingStatus(phase, detail, Optional.empty(), Optional.empty(), at);
    }
}
