package io.localtrust.ladder;

import io.localtrust.practice.Practice;

/**
 * The one answer the ladder gives for a connection (DESIGN.md §3, issue 6). The rungs, tried in
 * order: web PKI ({@link #TRUSTED_PUBLIC}), the user's gateway on a local connection
 * ({@link #TRUSTED_LOCAL}), a vendor / IoT-authority anchor with id-kp-localDevice on a local
 * connection ({@link #TRUSTED_VENDOR}), an authority binding the key ({@link #TRUSTED_ATTESTED}),
 * a trust-on-first-use pin ({@link #PINNED}); otherwise a warning naming the practice, or
 * {@link #REJECTED}.
 */
public enum Verdict {
    TRUSTED_PUBLIC(Kind.TRUSTED),
    TRUSTED_LOCAL(Kind.TRUSTED),
    TRUSTED_VENDOR(Kind.TRUSTED),
    /** Reserved for authority-signed key bindings; not yet produced (docs/trust.md, "Not yet here"). */
    TRUSTED_ATTESTED(Kind.TRUSTED),
    PINNED(Kind.TRUSTED),
    /** One self-signed certificate and key in every unit: anyone with the firmware can impersonate it. */
    WARN_NU_SS(Kind.WARNING),
    /** One certificate under an untrusted vendor root in every unit. */
    WARN_NU_US(Kind.WARNING),
    /** A unique self-signed certificate nothing vouches for. */
    WARN_U_SS(Kind.WARNING),
    /** A unique certificate under a vendor root that is not trusted here (or not for this connection). */
    WARN_U_US(Kind.WARNING),
    /** The key differs from the one pinned earlier: SSH's "REMOTE HOST IDENTIFICATION HAS CHANGED". */
    WARN_KEY_CHANGED(Kind.WARNING),
    /** Revoked, a published key, a constraint violated, id-kp-localDevice off the LAN, or unusable input. */
    REJECTED(Kind.REJECTED);

    /** The verdict's class, which decides acceptance and the probe's exit code. */
    public enum Kind {
        TRUSTED, WARNING, REJECTED
    }

    private final Kind kind;

    Verdict(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a client should proceed without asking: the trusted rungs and a matching pin. */
    public boolean accepted() {
        return kind == Kind.TRUSTED;
    }

    /** The warning that names a practice that no rung trusted. */
    static Verdict warningFor(Practice practice) {
        return switch (practice) {
            case NU_SS -> WARN_NU_SS;
            case NU_US -> WARN_NU_US;
            case U_SS -> WARN_U_SS;
            default -> WARN_U_US;
        };
    }
}
