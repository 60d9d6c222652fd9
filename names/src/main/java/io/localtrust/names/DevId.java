package io.localtrust.names;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device's label under the zone, derived from its key so nobody else can claim it: the first
 * 160 bits of the key's RFC 7638 SHA-256 thumbprint in lowercase base32 (RFC 4648, no padding):
 * 32 characters, a valid DNS label, and distinct in form from acme-dns's UUID subdomains.
 *
 * @param label the 32 characters
 */
public record DevId(String label) {
    private static final Pattern FORM = Pattern.compile("[a-z2-7]{32}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    public DevId {
        Objects.requireNonNull(label, "label");
        label = label.toLowerCase(Locale.ROOT);
        if (!FORM.matcher(label).matches()) {
            throw new IllegalArgumentException("a dev-id is 32 base32 characters, not '" + label + "'");
        }
    }

    /** The dev-id of a key with this SHA-256 thumbprint (32 bytes). */
    public static DevId ofThumbprint(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 thumbprint is 32 bytes");
        }
        StringBuilder out = new StringBuilder(32);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < 20; i++) {
            buffer = (buffer << 8) | (sha256[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return new DevId(out.toString());
    }

    /** Whether {@code text} has the form of a dev-id. */
    public static boolean isDevId(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return label;
    }
}
