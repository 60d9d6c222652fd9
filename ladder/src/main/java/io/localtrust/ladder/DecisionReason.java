package io.localtrust.ladder;

import java.util.Objects;

/**
 * One step of the ladder's reasoning: a stable code (for JSON and tests) and a one-line message.
 * Codes: the trust engine's {@code io.localtrust.trust.Reason} names for path failures, and the
 * ladder's own ({@code CONNECTION}, {@code PATH_VALID}, {@code OCSP_*}, {@code STATUS_TOKEN*},
 * {@code PIN_*}, {@code COMPROMISED_KEY}, …) listed in docs/trust.md.
 */
public record DecisionReason(String code, String message) {
    public DecisionReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        message = oneLine(message);
    }

    /** Runs of whitespace (as {@code \\s}: space, tab, line breaks, form feed, vertical tab) as one space, trimmed. */
    private static String oneLine(String m) {
        StringBuilder out = null;
        boolean space = false;
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c > ' ') {
                // Most characters: not whitespace (every \s character is at most U+0020).
                if (out != null) {
                    out.append(c);
                }
                space = false;
                continue;
            }
            boolean ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
            if (out == null && (ws && (c != ' ' || space || i == 0))) {
                out = new StringBuilder(m.length()).append(m, 0, i);
            }
            if (out != null) {
                if (ws) {
                    if (!space) {
                        out.append(' ');
                    }
                } else {
                    out.append(c);
                }
            }
            space = ws;
        }
        return (out == null ? m : out.toString()).trim();
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
