package io.localtrust.x509;

import java.util.Locale;
import java.util.Objects;

/**
 * The identifiers of one certificate, all lowercase hex except {@code devId}.
 *
 * @param sha256     SHA-256 of the certificate DER
 * @param sha1       SHA-1 of the certificate DER (only to match legacy lists such as nmap's)
 * @param spkiSha256 SHA-256 of the SubjectPublicKeyInfo DER: the key's identity, what
 *                   "shared" and "compromised" are decided on
 * @param devId      the ManySecured dev-id of the key: lowercase RFC 4648 base32, no padding,
 *                   of the first 16 bytes of SHA-256(SPKI) — 26 characters (DESIGN.md §1b)
 */
public record Fingerprints(String sha256, String sha1, String spkiSha256, String devId) {

    public Fingerprints {
        sha256 = lowerHex(sha256, 64, "sha256");
        sha1 = lowerHex(sha1, 40, "sha1");
        spkiSha256 = lowerHex(spkiSha256, 64, "spkiSha256");
        Objects.requireNonNull(devId, "devId");
        if (devId.length() != 26) {
            throw new IllegalArgumentException("dev-id must be 26 characters: " + devId);
        }
    }

    private static String lowerHex(String value, int length, String what) {
        Objects.requireNonNull(value, what);
        String v = value.toLowerCase(Locale.ROOT); // the same instance when already lower case
        boolean hex = v.length() == length;
        for (int i = 0; hex && i < length; i++) {
            char c = v.charAt(i);
            hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        if (!hex) {
            throw new IllegalArgumentException(what + " must be " + length + " hex digits");
        }
        return v;
    }
}
