package io.localtrust.agent.onboarding;

/**
 * Onboarding cannot go on: the gateway is unreachable or answered something a device cannot use,
 * its root is not confirmed, the owner denied the device. One line a person can act on.
 */
public class OnboardingException extends Exception {
    private final boolean retryable;

    /** A failure worth retrying later (the gateway unreachable, slow, or answering garbage). */
    public OnboardingException(String message) {
        this(message, true);
    }

    public OnboardingException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public OnboardingException(String message, Throwable cause) {
        super(message, cause);
        this.retryable = true;
    }
}
