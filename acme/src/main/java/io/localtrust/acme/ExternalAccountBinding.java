package io.localtrust.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import io.localtrust.acme.jws.Jws;
import io.localtrust.authority.Pairings;
import io.localtrust.store.PairingStore;
import io.localtrust.store.PairingStore.PairingGrant;
import io.localtrust.store.StoreException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * External Account Binding (RFC 8555 §7.3.4): a newAccount payload's {@code externalAccountBinding},
 * a flattened JWS by the owner's pairing key ({@code gateway pair}) over the new account's key.
 * Checked as a pipeline, each step with its problem:
 * <ol>
 *   <li>a flattened JWS object with a protected header only ({@code malformed});</li>
 *   <li>{@code alg} HS256, a {@code kid}, no {@code nonce}, {@code jwk} or {@code crit} ({@code malformed});</li>
 *   <li>{@code url} is the newAccount URL the outer JWS was sent to ({@code unauthorized});</li>
 *   <li>the payload is the account's key, the one that signed the outer JWS ({@code malformed});</li>
 *   <li>the MAC verifies with the pairing key of {@code kid} — derived, compared in constant time by
 *       nimbus-jose-jwt's {@link MACVerifier} — before the store is even asked ({@code unauthorized});</li>
 *   <li>the grant exists, was not redeemed and has not ended ({@code unauthorized}).</li>
 * </ol>
 * The caller then redeems it, atomically with creating the account.
 */
final class ExternalAccountBinding {
    private static final Set<String> MEMBERS = Set.of("protected", "payload", "signature");
    private final Pairings pairings;
    private final PairingStore grants;
    private final Clock clock;

    ExternalAccountBinding(Pairings pairings, PairingStore grants, Clock clock) {
        this.pairings = pairings;
        this.grants = grants;
        this.clock = clock;
    }

    /**
     * Verifies a binding sent to {@code url} for {@code accountKey}, by the account that will hold
     * it ({@code holder}: empty for an account not made yet).
     *
     * @return the grant it proves: redeemable now, or already redeemed by {@code holder} (a retried
     *         newAccount), when there is nothing left to do
     */
    PairingGrant verify(JsonNode eab, String url, JWK accountKey, Optional<String> holder) throws AcmeProblem, StoreException {
        JWSObject jws = parse(eab);
        var h = jws.getHeader();
        if (!"HS256".equals(h.getAlgorithm().getName())) {
            throw AcmeProblem.malformed("externalAccountBinding must be signed with HS256 (the pairing key is an HMAC-SHA-256 key), not "
                    + AcmeServer.printable(h.getAlgorithm().getName()));
        }
        String kid = h.getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw AcmeProblem.malformed("externalAccountBinding has no 'kid': the key identifier `gateway pair` printed");
        }
        if (h.getJWK() != null || h.getCustomParam("nonce") != null || h.getCriticalParams() != null) {
            throw AcmeProblem.malformed("externalAccountBinding carries 'kid', 'alg' and 'url' only: no 'nonce', 'jwk' or 'crit'");
        }
        Object boundUrl = h.getCustomParam("url");
        if (!url.equals(boundUrl)) {
            throw AcmeProblem.unauthorized("the externalAccountBinding 'url' is not this newAccount URL (" + url + ")");
        }
        if (!Jws.thumbprint(payloadKey(jws)).equals(Jws.thumbprint(accountKey))) {
            throw AcmeProblem.malformed("the externalAccountBinding payload is not the key of the account being created");
        }
        byte[] key = pairings.macKey(kid).orElseThrow(() -> unknown(kid));
        boolean valid;
        try {
            valid = jws.verify(new MACVerifier(key));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw AcmeProblem.unauthorized("the externalAccountBinding MAC does not verify with the pairing key '"
                    + AcmeServer.printable(kid) + "': check --eab-hmac-key");
        }
        PairingGrant grant = grants.pairingGrant(kid).orElseThrow(() -> unknown(kid));
        Instant now = clock.instant();
        if (grant.holder().isPresent() && grant.holder().equals(holder)) {
            return grant; // this account redeemed it already: the retry of a newAccount whose answer was lost
        }
        if (grant.holder().isPresent()) {
            throw AcmeProblem.unauthorized("pairing key '" + kid + "' was used already (single use): make a new one with "
                    + "`gateway pair`");
        }
        if (!now.isBefore(grant.until())) {
            throw AcmeProblem.unauthorized("pairing key '" + kid + "' expired at " + grant.until().truncatedTo(ChronoUnit.SECONDS)
                    + ": make a new one with `gateway pair`");
        }
        return grant;
    }

    private static AcmeProblem unknown(String kid) {
        return AcmeProblem.unauthorized("no pairing key '" + AcmeServer.printable(kid) + "' was made by this gateway");
    }

    private static JWSObject parse(JsonNode eab) throws AcmeProblem {
        if (eab == null || !eab.isObject()) {
            throw AcmeProblem.malformed("externalAccountBinding must be a flattened JWS object (RFC 8555 §7.3.4)");
        }
        for (Iterator<String> it = eab.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!MEMBERS.contains(f)) {
                throw AcmeProblem.malformed("unexpected member '" + AcmeServer.printable(f) + "' in externalAccountBinding");
            }
        }
        String[] parts = new String[3];
        int i = 0;
        for (String m : new String[] {"protected", "payload", "signature"}) {
            JsonNode n = eab.get(m);
            if (n == null || !n.isTextual() || !n.asText().matches("[A-Za-z0-9_-]+")) {
                throw AcmeProblem.malformed("externalAccountBinding has no base64url '" + m + "'");
            }
            parts[i++] = n.asText();
        }
        try {
            return new JWSObject(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
        } catch (ParseException | RuntimeException e) {
            throw AcmeProblem.malformed("externalAccountBinding is not a JWS: its protected header does not parse");
        }
    }

    private static JWK payloadKey(JWSObject jws) throws AcmeProblem {
        try {
            JWK key = JWK.parse(jws.getPayload().toString());
            if (key.isPrivate()) {
                throw AcmeProblem.malformed("the externalAccountBinding payload holds a private key");
            }
            return key;
        } catch (ParseException | RuntimeException e) {
            throw AcmeProblem.malformed("the externalAccountBinding payload is not a JWK (the account key)");
        }
    }
}
