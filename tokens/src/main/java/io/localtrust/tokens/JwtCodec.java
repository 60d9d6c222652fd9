package io.localtrust.tokens;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.localtrust.x509.CertChain;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JWT form (RFC 7519) with nimbus-jose-jwt: a JWS compact serialization whose protected
 * header carries "alg", "typ" = {@value #TYPE} (explicit typing, RFC 8725 §3.11) and "x5c"; the
 * signature is made by JCA through {@link RawSignatures}, so PKCS#11 keys work.
 */
final class JwtCodec implements TokenCodec {
    /** The JWT "typ" header value. */
    static final String TYPE = "local-device-status+jwt";
    static final String CLAIM_NONCE = "nonce";
    static final String CLAIM_CNF = "cnf";
    static final String CNF_JKT = "jkt";
    static final String CLAIM_FIRMWARE = "firmware_version";
    static final String CLAIM_STATUS = "device_status";

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    String encode(StatusClaims claims, CertChain chain, TokenAlgorithm alg, PrivateKey key, Optional<Provider> provider)
            throws GeneralSecurityException {
        List<Base64> x5c = new ArrayList<>();
        chain.certs().forEach(c -> x5c.add(Base64.encode(c.der())));
        JWSHeader header = new JWSHeader.Builder(alg.jose()).type(new JOSEObjectType(TYPE)).x509CertChain(x5c).build();
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .claim(CLAIM_CNF, Map.of(CNF_JKT, claims.keyThumbprint()));
        claims.nonce().ifPresent(n -> body.claim(CLAIM_NONCE, n.value()));
        body.claim(CLAIM_FIRMWARE, claims.firmwareVersion()).claim(CLAIM_STATUS, claims.status().wireName());
        SignedJWT jwt = new SignedJWT(header, body.build());
        try {
            jwt.sign(new JcaSigner(alg, key, provider));
        } catch (JOSEException e) {
            throw e.getCause() instanceof GeneralSecurityException g ? g : new GeneralSecurityException(e.getMessage(), e);
        }
        return jwt.serialize();
    }

    @Override
    public Envelope open(byte[] token) throws TokenRejection {
        String text = text(token, "the token");
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("a JWS compact serialization has 3 parts, not " + parts.length
                    + (parts.length == 5 ? " (encrypted JWTs are not status tokens)" : ""));
        }
        for (String part : parts) {
            if (!BASE64URL.matcher(part).matches()) {
                throw malformed("a part is not base64url");
            }
        }
        if (parts[0].isEmpty() || parts[1].isEmpty()) {
            throw malformed("empty header or payload");
        }
        Header parsed;
        try {
            parsed = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException e) {
            throw malformed("bad header: " + e.getMessage());
        }
        if (!(parsed instanceof JWSHeader header)) {
            throw new TokenRejection(TokenFailure.ALGORITHM_REJECTED, "alg '" + Printable.of(parsed.getAlgorithm().getName())
                    + "' is not a signature algorithm (ES256, ES384, EdDSA)");
        }
        JWSAlgorithm named = header.getAlgorithm();
        TokenAlgorithm alg = TokenAlgorithm.fromJose(named.getName()).orElseThrow(() -> new TokenRejection(
                TokenFailure.ALGORITHM_REJECTED, "alg '" + Printable.of(named.getName()) + "' is not allowed (ES256, ES384, EdDSA)"));
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new TokenRejection(TokenFailure.CRITICAL_HEADER, "crit " + header.getCriticalParams()
                    + ": no critical header parameter is understood here");
        }
        if (!header.isBase64URLEncodePayload()) {
            throw new TokenRejection(TokenFailure.CRITICAL_HEADER, "b64=false (RFC 7797) is not used by status tokens");
        }
        String typ = header.getType() == null ? null : header.getType().getType();
        if (typ == null || !(typ.equalsIgnoreCase(TYPE) || typ.equalsIgnoreCase("application/" + TYPE))) {
            throw new TokenRejection(TokenFailure.WRONG_TYPE, "typ is " + (typ == null ? "missing" : "'" + Printable.of(typ) + "'")
                    + ", not '" + TYPE + "'");
        }
        List<Base64> x5c = header.getX509CertChain();
        if (x5c == null) {
            throw new TokenRejection(TokenFailure.CHAIN_INVALID, "no x5c header");
        }
        List<byte[]> ders = new ArrayList<>();
        x5c.forEach(b -> ders.add(b.decode()));
        return new Envelope(alg, X5Chain.parse(ders, "x5c"), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                new Base64URL(parts[2]).decode(), new Base64URL(parts[1]).decode());
    }

    @Override
    public RawClaims claims(byte[] payload) throws TokenRejection {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(text(payload, "the payload"));
        } catch (ParseException e) {
            throw malformed("the payload is not a JSON object: " + e.getMessage());
        }
        for (String name : new String[] {"iss", "sub"}) {
            if (json.containsKey(name) && !(json.get(name) instanceof String)) {
                // nimbus would turn a number into text; RFC 7519 §4.1.1-2 wants a StringOrURI
                throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim '" + name + "' must be a string");
            }
        }
        try {
            JWTClaimsSet set = JWTClaimsSet.parse(json);
            Date iat = required(set.getIssueTime(), "iat");
            Date exp = required(set.getExpirationTime(), "exp");
            Map<String, Object> cnf = required(set.getJSONObjectClaim(CLAIM_CNF), CLAIM_CNF);
            if (!(cnf.get(CNF_JKT) instanceof String jkt)) {
                throw new TokenRejection(TokenFailure.CLAIM_INVALID, "cnf has no jkt string (RFC 9449 §6.1)");
            }
            return new RawClaims(required(set.getIssuer(), "iss"), required(set.getSubject(), "sub"),
                    iat.getTime() / 1000, exp.getTime() / 1000, jkt, Optional.ofNullable(set.getStringClaim(CLAIM_NONCE)),
                    required(set.getStringClaim(CLAIM_FIRMWARE), CLAIM_FIRMWARE),
                    required(set.getStringClaim(CLAIM_STATUS), CLAIM_STATUS));
        } catch (ParseException e) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, e.getMessage());
        }
    }

    private static <T> T required(T value, String claim) throws TokenRejection {
        if (value == null) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim '" + claim + "' is missing");
        }
        return value;
    }

    private static String text(byte[] bytes, String what) throws TokenRejection {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not UTF-8");
        }
    }

    private static TokenRejection malformed(String message) {
        return new TokenRejection(TokenFailure.MALFORMED, message);
    }
}
