package io.localtrust.agent.onboarding;

/** The gateway's owner denied this device: it gets no certificate, and retrying will not change that. */
public final class DeviceDenied extends OnboardingException {
    public DeviceDenied(String message) {
        super(message, false);
    }
}
