package io.localtrust.ladder;

import io.localtrust.tokens.AttestationVerification;
import io.localtrust.tokens.AttestationVerifier;
import io.localtrust.trust.Connection;
import io.localtrust.trust.PeerName;
import io.localtrust.x509.Cert;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Step 4 of the ladder (DESIGN.md §3): a local connection whose TLS key an attestation anchor
 * vouches for → {@code TRUSTED_ATTESTED}. The device serves the token
 * ({@code /.well-known/local-device/attestation}); module tokens' {@link AttestationVerifier} checks
 * the authority's signature, freshness and the binding ({@code cnf.jkt} and {@code sub} are this
 * TLS key's). The leaf must still be for the host asked for (RFC 6125) and valid now: the
 * attestation vouches for a key, the certificate names the device. Any failure is a reason and the
 * ladder goes on to the next rung (pins, then the practice's warning): a bad attestation lowers
 * nothing and raises nothing.
 */
final class AttestationRung {
    private final AttestationVerifier verifier;
    private final Clock clock;
    private final boolean configured;

    AttestationRung(TrustConfig config, Clock clock) {
        this.verifier = new AttestationVerifier(config.attestationAnchors(), clock);
        this.clock = clock;
        this.configured = !config.attestationAnchors().isEmpty();
    }

    Optional<Decision> decide(Ladder.Ctx ctx, Connection conn) {
        Optional<byte[]> token = ctx.peer().attestation();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        if (!configured) {
            ctx.reasons().add(new DecisionReason("ATTESTATION_UNCHECKED", "the device serves an attestation, and no attestation"
                    + " anchor is configured to check it against"));
            return Optional.empty();
        }
        Cert leaf = ctx.leaf();
        AttestationVerification v = verifier.verify(token.get(), leaf.spkiDer());
        if (!(v instanceof AttestationVerification.Verified ok)) {
            AttestationVerification.Rejected no = (AttestationVerification.Rejected) v;
            ctx.reasons().add(new DecisionReason("ATTESTATION_REJECTED", "attestation rejected: " + no.failure() + ": " + no.message()));
            return Optional.empty();
        }
        String by = Texts.owner(ok.anchor());
        if (!conn.local()) {
            ctx.reasons().add(new DecisionReason("ATTESTATION_NOT_LOCAL", "attested by '" + by + "', but " + conn.reason()));
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(leaf.notBefore()) || now.isAfter(leaf.notAfter())) {
            ctx.reasons().add(new DecisionReason("ATTESTATION_CERT_NOT_VALID", "attested by '" + by
                    + "', but the certificate is not valid at this time"));
            return Optional.empty();
        }
        String host = ctx.peer().host();
        if (!PeerName.of(host).namedBy(leaf)) {
            ctx.reasons().add(new DecisionReason("ATTESTATION_HOST_MISMATCH", "attested by '" + by
                    + "', but the certificate is not for '" + host + "'"));
            return Optional.empty();
        }
        ctx.reasons().add(new DecisionReason("ATTESTED", "attestation by '" + by + "' (issued as '" + ok.claims().issuer()
                + "') binds this TLS key (dev-id " + ok.claims().subject() + "), valid until " + ok.claims().expiresAt()));
        return Optional.of(ctx.decide(Verdict.TRUSTED_ATTESTED, Texts.trustedAttested(host, ok.anchor())));
    }
}
