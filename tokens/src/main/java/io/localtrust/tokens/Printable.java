package io.localtrust.tokens;

/** Text from a token, made safe to quote in a one-line message: bounded, non-printables as '?'. */
final class Printable {
    private static final int MAX = 80;

    private Printable() {
    }

    static String of(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.length() > MAX ? b + "…" : b.toString();
    }
}
