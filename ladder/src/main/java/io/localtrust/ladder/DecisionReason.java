package io.localtrust.ladder;

import java.util.Objects;

/**
 * One step of the ladder's reasoning: a stable code (for JSON and tests) and a one-line message.
 * Codes: the trust engine's {@code io.localtrust.trust.Reason} names for path failures, and the
 * ladder's own ({@code CONNECTION}, {@code PATH_VALID}, {@code OCSP_*}, {@code STATUS_TOKEN*},
 * {@code PIN_*}, {@code COMPROMISED_KEY}, …) listed in docs/trust.md.
 */
public record DecisionReason(String code, String message) {
    private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile("\\s+");

    public DecisionReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        message = SPACE.matcher(message).replaceAll(" ").trim();
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
