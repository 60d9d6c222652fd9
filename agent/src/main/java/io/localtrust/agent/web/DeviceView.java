package io.localtrust.agent.web;

import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.stapling.Stapler;
import io.localtrust.x509.CertChain;
import java.util.Optional;

/** What the device's pages show about it: read-only. */
public interface DeviceView {
    String name();

    String devId();

    /** Onboarding's (or the latest renewal's) progress. */
    OnboardingStatus onboarding();

    /** The chain served over HTTPS, once one is installed. */
    Optional<CertChain> served();

    /** Whether a certificate valid now is installed (HTTP then only redirects). */
    boolean certified();

    Stapler.View stapling();

    /** One line on renewal: when it is due, or why the last attempt failed. */
    String renewal();

    /** A warning that this device's clock disagrees with its gateway's or its certificate's, if it does. */
    Optional<String> clockWarning();
}
