package io.localtrust.ladder;

import io.localtrust.tokens.StatusClaims;
import io.localtrust.tokens.StatusTokenVerifier;
import io.localtrust.tokens.TokenVerification;
import io.localtrust.x509.Cert;
import java.time.Clock;

/**
 * A device status token (module tokens) checked against the TLS leaf of the same connection and
 * turned into a reason: {@code STATUS_TOKEN} with what the device says, or
 * {@code STATUS_TOKEN_REJECTED} with the failure. A token never raises trust by itself: it speaks
 * only for the key already seen (docs/tokens.md).
 */
final class TokenCheck {
    private final StatusTokenVerifier verifier;

    TokenCheck(Clock clock) {
        this.verifier = new StatusTokenVerifier(clock);
    }

    DecisionReason check(PresentedToken token, Cert leaf, String host) {
        TokenVerification v = verifier.verify(token.format(), token.bytes(), leaf, token.nonceSent());
        return switch (v) {
            case TokenVerification.Verified ok -> verified(ok.claims(), ok, host, token);
            case TokenVerification.Rejected no -> new DecisionReason("STATUS_TOKEN_REJECTED",
                    "device status token (" + token.format() + ") rejected: " + no.failure() + ": " + no.message());
        };
    }

    private static DecisionReason verified(StatusClaims c, TokenVerification.Verified ok, String host, PresentedToken t) {
        String issuer = c.issuer().equalsIgnoreCase(host) ? "" : " (issued as '" + c.issuer() + "', not '" + host + "')";
        return new DecisionReason("STATUS_TOKEN", "device status token (" + ok.format() + ") signed by the TLS key"
                + (t.nonceSent().isPresent() ? ", nonce echoed" : "") + ": status " + c.status().wireName()
                + ", firmware " + c.firmwareVersion() + issuer);
    }
}
