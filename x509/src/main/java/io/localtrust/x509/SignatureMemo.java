package io.localtrust.x509;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Remembers whether a certificate's signature verifies with its own key, by the SHA-256 of the
 * certificate's DER. The answer is a function of those bytes alone (the key is inside them), so
 * it holds for every copy: a scan that meets one firmware certificate on a hundred devices
 * verifies its signature once, not a hundred times. Bounded: past {@link #MAX} entries it starts
 * afresh, so a long-lived process does not grow without end.
 */
final class SignatureMemo {
    static final int MAX = 16_384;
    private static final Map<String, Boolean> SELF = new ConcurrentHashMap<>();

    private SignatureMemo() {
    }

    /** The memoised answer for the certificate with DER SHA-256 {@code sha256}, computing it with {@code check} once. */
    static boolean selfSigned(String sha256, BooleanSupplier check) {
        Boolean known = SELF.get(sha256);
        if (known != null) {
            return known;
        }
        boolean v = check.getAsBoolean();
        if (SELF.size() >= MAX) {
            SELF.clear();
        }
        SELF.put(sha256, v);
        return v;
    }
}
