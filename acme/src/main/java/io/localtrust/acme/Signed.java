package io.localtrust.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import io.localtrust.acme.jws.SignedRequest;
import io.localtrust.store.AcmeStore.AcmeAccount;
import java.io.IOException;
import java.util.Optional;

/**
 * A POST whose JWS verified: the request, the key that signed it, and the account it was signed
 * for ({@code kid}), if any.
 */
record Signed(AcmeRequest http, Urls urls, SignedRequest jws, JWK key, Optional<AcmeAccount> account) {

    /** The account, for requests that must be signed by one ({@code kid}). */
    AcmeAccount requireAccount() throws AcmeProblem {
        return account.orElseThrow(() -> AcmeProblem.malformed("this request must be signed with an account key ('kid')"));
    }

    /** The payload as a JSON object; POST-as-GET is refused here. */
    JsonNode payload() throws AcmeProblem {
        if (jws.postAsGet()) {
            throw AcmeProblem.malformed("this request needs a JSON payload, not POST-as-GET");
        }
        try {
            JsonNode node = Docs.JSON.readTree(jws.payload());
            if (node == null || !node.isObject()) {
                throw AcmeProblem.malformed("the payload is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw AcmeProblem.malformed("the payload is not valid JSON");
        }
    }

    /** Refuses anything but POST-as-GET (an empty payload). */
    void requirePostAsGet() throws AcmeProblem {
        if (!jws.postAsGet()) {
            throw AcmeProblem.malformed("this resource is read with POST-as-GET: an empty payload (RFC 8555 §6.3)");
        }
    }
}
