package io.localtrust.acme.jws;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.util.Objects;
import java.util.Optional;

/**
 * A JWS-signed ACME request, parsed but not yet verified: the protected header's fields and the
 * payload. Verify it with {@link Jws#verify} against the key it names before trusting any of it.
 *
 * @param alg        the signature algorithm (one of {@link Jws#ALGORITHMS})
 * @param jwk        the embedded public key (newAccount, revocation by certificate key)
 * @param kid        the account URL (every other request)
 * @param nonce      the anti-replay nonce
 * @param url        the URL the client meant to send this to
 * @param payload    the payload bytes; empty for POST-as-GET
 * @param parts      the three base64url parts, for verification
 */
public record SignedRequest(String alg, Optional<JWK> jwk, Optional<String> kid, String nonce, String url, byte[] payload,
                            Parts parts) {
    /** The signed input and signature, as sent. */
    public record Parts(Base64URL protectedHeader, Base64URL payload, Base64URL signature) {
        public Parts {
            Objects.requireNonNull(protectedHeader, "protectedHeader");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(signature, "signature");
        }
    }

    public SignedRequest {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(url, "url");
        payload = payload.clone();
        Objects.requireNonNull(parts, "parts");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** POST-as-GET (RFC 8555 §6.3): an empty payload. */
    public boolean postAsGet() {
        return payload.length == 0;
    }
}
