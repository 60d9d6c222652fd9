package io.localtrust.authority;

import io.localtrust.lint.RsaModulusChecks;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.x509.KeyInfo;
import java.util.Optional;
import java.util.Set;

/**
 * The keys the gateway certifies: RSA 2048-8192 (not factorable, not ROCA), EC P-256 and
 * P-384, Ed25519 — and none from a compromised-key list.
 */
final class KeyPolicy {
    private static final Set<String> CURVES = Set.of("P-256", "P-384");

    private final CompromisedKeys compromised;

    KeyPolicy(CompromisedKeys compromised) {
        this.compromised = compromised;
    }

    void check(KeyInfo key, String spkiSha256) throws IssuanceRefused {
        switch (key.algorithm()) {
            case "RSA" -> {
                if (key.bits() < 2048) {
                    throw new IssuanceRefused(Refusal.WEAK_KEY, "RSA key of " + key.bits() + " bits: at least 2048 are required");
                }
                if (key.bits() > 8192) {
                    throw new IssuanceRefused(Refusal.UNSUPPORTED_KEY, "RSA key of " + key.bits() + " bits: at most 8192 are issued");
                }
                Optional<String> weakness = RsaModulusChecks.weakness(key.rsaModulus().orElseThrow());
                if (weakness.isPresent()) {
                    throw new IssuanceRefused(Refusal.WEAK_KEY, weakness.get());
                }
            }
            case "EC" -> {
                if (key.curve().isEmpty() || !CURVES.contains(key.curve().get())) {
                    throw new IssuanceRefused(Refusal.UNSUPPORTED_KEY, "EC key on curve " + key.curve().orElse("?")
                            + ": only P-256 and P-384 are issued (what browsers accept)");
                }
            }
            case "Ed25519" -> {
                // accepted: devices and tools that speak it; browsers do not yet, which the lint reports
            }
            default -> throw new IssuanceRefused(Refusal.UNSUPPORTED_KEY, key.algorithm()
                    + " keys are not issued (RSA, EC P-256/P-384 and Ed25519 are)");
        }
        Optional<CompromisedKeys.Match> listed = compromised.matchSpki(spkiSha256, key.rsaModulus());
        if (listed.isPresent()) {
            throw new IssuanceRefused(Refusal.COMPROMISED_KEY, "this key is published in " + listed.get().source()
                    + ": anyone can impersonate a device using it — generate a new key on the device");
        }
    }
}
