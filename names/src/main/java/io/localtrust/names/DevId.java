package io.localtrust.names;

import io.localtrust.x509.Digests;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device's label under the zone: its dev-id (DESIGN.md §1b), the first 128 bits of the SHA-256
 * of its key's SubjectPublicKeyInfo in lowercase base32 — 26 characters, a valid DNS label, the
 * same dev-id the gateway, the agent and {@code localtrust inspect} show, and distinct in form
 * from acme-dns's UUID subdomains. Derived from the key, so nobody else can claim it.
 *
 * @param label the 26 characters
 */
public record DevId(String label) {
    private static final Pattern FORM = Pattern.compile("[a-z2-7]{26}");

    public DevId {
        Objects.requireNonNull(label, "label");
        label = label.toLowerCase(Locale.ROOT);
        if (!FORM.matcher(label).matches()) {
            throw new IllegalArgumentException("a dev-id is 26 base32 characters, not '" + label + "'");
        }
    }

    /** The dev-id of the key whose SubjectPublicKeyInfo DER this is. */
    public static DevId ofSpki(byte[] spkiDer) {
        return new DevId(Digests.devId(spkiDer));
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
