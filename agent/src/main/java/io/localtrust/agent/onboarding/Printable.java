package io.localtrust.agent.onboarding;

/**
 * Text a gateway (or something pretending to be one) sent, made safe to show on one console line
 * and the onboarding page: control and non-ASCII characters become '?', and it is cut at 200
 * characters — a garbage answer cannot flood or forge lines.
 */
final class Printable {
    private static final int MAX = 200;

    private Printable() {
    }

    static String line(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX + 1));
        for (int i = 0; i < text.length() && b.length() < MAX; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.length() > MAX ? b + "…" : b.toString();
    }
}
