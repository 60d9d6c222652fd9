package io.localtrust.acme;

import java.nio.charset.StandardCharsets;

/** Client- or device-supplied text made safe to quote in a problem detail: printable ASCII, bounded. */
public final class Printable {
    private Printable() {
    }

    /** At most {@code max} characters, others than printable ASCII shown as {@code ?}, "…" when cut. */
    public static String prefix(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > max ? sb + "…" : sb.toString();
    }

    public static String prefix(byte[] b, int max) {
        return prefix(new String(b, 0, Math.min(b.length, max + 1), StandardCharsets.ISO_8859_1), max);
    }
}
