package io.localtrust.x509;

import java.util.Objects;
import java.util.Optional;

/**
 * Who signed an OCSP response, after the checks of RFC 6960 §4.2.2.2: the certificate's issuer
 * itself, a delegated responder the issuer certified for it, or no one acceptable (then
 * {@link #problem()} says why, in one line).
 *
 * @param kind      issuer, delegated responder, or none acceptable
 * @param responder the delegated responder's certificate, for {@link Kind#DELEGATED}
 * @param noCheck   the delegated responder carries id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): a client
 *                  need not check its revocation; false otherwise (and for the issuer itself)
 * @param problem   why no signer was acceptable, for {@link Kind#NONE}
 */
public record OcspSigner(Kind kind, Optional<Cert> responder, boolean noCheck, Optional<String> problem) {
    /** The kinds of signer. */
    public enum Kind { ISSUER, DELEGATED, NONE }

    public OcspSigner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(problem, "problem");
        if ((kind == Kind.DELEGATED) != responder.isPresent() || (kind == Kind.NONE) != problem.isPresent()) {
            throw new IllegalArgumentException("a delegated signer names its certificate, and only a refused one a problem");
        }
    }

    public static OcspSigner issuer() {
        return new OcspSigner(Kind.ISSUER, Optional.empty(), false, Optional.empty());
    }

    public static OcspSigner delegated(Cert responder, boolean noCheck) {
        return new OcspSigner(Kind.DELEGATED, Optional.of(responder), noCheck, Optional.empty());
    }

    public static OcspSigner refused(String problem) {
        return new OcspSigner(Kind.NONE, Optional.empty(), false, Optional.of(problem));
    }

    /** Signed by the issuer or an acceptable delegated responder. */
    public boolean acceptable() {
        return kind != Kind.NONE;
    }
}
