package io.localtrust.practice;

import io.localtrust.lint.Finding;
import io.localtrust.lint.Severity;
import java.util.List;
import java.util.Locale;

/**
 * The short answer for a person: what a browser does with this device today.
 */
public enum Verdict {
    /** Verifies in every browser. */
    TRUSTED("trusted"),
    /** Verifies where the local (gateway) root is installed. */
    TRUSTED_LOCALLY("trusted locally"),
    /** Browsers warn; no way to tell the device from an impostor. */
    UNVERIFIABLE("unverifiable"),
    /** Traffic is readable, or the key is known to others, or the certificate is revoked. */
    INSECURE("insecure");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Critical findings make any practice insecure; high ones make a trusted practice unverifiable. */
    public static Verdict of(Practice practice, List<Finding> findings) {
        boolean critical = findings.stream().anyMatch(f -> f.severity() == Severity.CRITICAL);
        boolean high = findings.stream().anyMatch(f -> f.severity() == Severity.HIGH);
        if (critical) {
            return INSECURE;
        }
        return switch (practice) {
            case NONE, NU_SS, NU_US -> INSECURE;
            case U_SS, U_US -> UNVERIFIABLE;
            case U_LS -> high ? UNVERIFIABLE : TRUSTED_LOCALLY;
            case U_CAS -> high ? UNVERIFIABLE : TRUSTED;
        };
    }
}
