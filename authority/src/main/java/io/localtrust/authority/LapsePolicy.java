package io.localtrust.authority;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the gateway does when an approved device whose certificates have all expired — it was
 * offline past expiry — asks for a certificate again (the seed's re-enrolment; issue 5).
 *
 * <p>Renewing before expiry is always issued at once: the device still holds a valid certificate
 * and proves its key in the CSR. After expiry the gateway has not heard from the device for the
 * whole gap, so by default ({@link #REAPPROVE}) the device goes back to pending and needs a fresh
 * approval, as at first onboarding (pairing code, the console, {@code gateway approve}). {@link
 * #ACCEPT_OLD_KEY} accepts the CSR's proof of the old key instead: the same key as the approved
 * device, so the same device, issued at once, with an audit entry saying so.
 */
public enum LapsePolicy {
    REAPPROVE("reapprove"),
    ACCEPT_OLD_KEY("accept-old-key");

    private final String json;

    LapsePolicy(String json) {
        this.json = json;
    }

    /** As written in gateway.json and on the command line. */
    public String json() {
        return json;
    }

    /**
     * The policy named {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LapsePolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.json.equals(t)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a lapsed-device policy: " + Arrays.stream(values()).map(LapsePolicy::json)
                        .collect(Collectors.joining(" or "))));
    }
}
