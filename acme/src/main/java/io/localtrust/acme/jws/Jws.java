package io.localtrust.acme.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and verifies the JWS of an ACME request (RFC 8555 §6.2). Refuses, with the problem type
 * the RFC names: anything but the flattened JSON serialization, an unprotected header,
 * {@code alg: none}, MAC algorithms and any algorithm not in {@link #ALGORITHMS}, both or
 * neither of {@code jwk} and {@code kid}, a private key in {@code jwk}, a key that does not fit
 * the algorithm (an RSA key under 2048 bits, a curve other than the algorithm's), a missing
 * {@code nonce} or {@code url}, {@code b64: false}, and critical extensions.
 */
public final class Jws {
    /** The accepted signature algorithms, as JWS names. */
    public static final List<String> ALGORITHMS = List.of("ES256", "ES384", "RS256", "EdDSA");
    /** Request bodies larger than this are refused before parsing (the 64 KiB). */
    public static final int MAX_BODY = 64 * 1024;
    private static final Set<String> TOP_LEVEL = Set.of("protected", "payload", "signature");
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EcVerifiers EC = new EcVerifiers();

    private Jws() {
    }

    /** Parses the request body; nothing is verified yet. */
    public static SignedRequest parse(byte[] body) throws AcmeProblem {
        return parse(body, false);
    }

    /**
     * Parses the inner JWS of a keyChange (RFC 8555 §7.3.5): signed by the new key, which it
     * carries as {@code jwk}; no {@code kid}, no {@code nonce}. The returned nonce is empty.
     */
    public static SignedRequest parseInner(byte[] body) throws AcmeProblem {
        return parse(body, true);
    }

    private static SignedRequest parse(byte[] body, boolean inner) throws AcmeProblem {
        if (body.length == 0) {
            throw AcmeProblem.malformed("the request has no body: ACME requests are JWS objects (RFC 8555 §6.2)");
        }
        if (body.length > MAX_BODY) {
            throw AcmeProblem.malformed("the request body is larger than " + MAX_BODY + " bytes");
        }
        JsonNode top = json(body, "the request body");
        if (top.has("signatures")) {
            throw AcmeProblem.malformed("the general JWS JSON serialization is not accepted: use the flattened one (RFC 8555 §6.2)");
        }
        if (top.has("header")) {
            throw AcmeProblem.malformed("an unprotected JWS header is not accepted (RFC 8555 §6.2)");
        }
        for (Iterator<String> it = top.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!TOP_LEVEL.contains(f)) {
                throw AcmeProblem.malformed("unexpected member '" + printable(f) + "' in the JWS");
            }
        }
        Base64URL protectedPart = part(top, "protected");
        Base64URL payloadPart = part(top, "payload");
        Base64URL signaturePart = part(top, "signature");
        if (protectedPart.toString().isEmpty() || signaturePart.toString().isEmpty()) {
            throw AcmeProblem.malformed("the JWS has an empty protected header or signature");
        }
        JsonNode header = json(decode(protectedPart, "protected header"), "the protected header");
        String alg = text(header, "alg").orElseThrow(() -> AcmeProblem.malformed("the JWS header has no 'alg'"));
        if (!ALGORITHMS.contains(alg)) {
            throw new AcmeProblem(AcmeError.BAD_SIGNATURE_ALGORITHM, "signature algorithm '" + printable(alg)
                    + "' is not accepted; use one of " + String.join(", ", ALGORITHMS));
        }
        if (header.has("crit") || header.has("b64")) {
            throw AcmeProblem.malformed("the JWS header carries 'crit' or 'b64', which ACME does not use");
        }
        boolean hasJwk = header.has("jwk");
        boolean hasKid = header.has("kid");
        if (hasJwk == hasKid) {
            throw AcmeProblem.malformed("the JWS header must carry exactly one of 'jwk' and 'kid'");
        }
        if (inner && (hasKid || header.has("nonce"))) {
            throw AcmeProblem.malformed("the inner JWS of a key change carries 'jwk' and no 'kid' or 'nonce' (RFC 8555 §7.3.5)");
        }
        String nonce = inner ? "" : text(header, "nonce").orElseThrow(() -> new AcmeProblem(AcmeError.BAD_NONCE,
                "the JWS header has no 'nonce': get one from newNonce"));
        String url = text(header, "url").orElseThrow(() -> AcmeProblem.unauthorized("the JWS header has no 'url'"));
        Optional<JWK> jwk = hasJwk ? Optional.of(jwk(header.get("jwk"), alg)) : Optional.empty();
        Optional<String> kid = hasKid ? Optional.of(text(header, "kid")
                .orElseThrow(() -> AcmeProblem.malformed("'kid' must be the account URL, a string"))) : Optional.empty();
        byte[] payload = decode(payloadPart, "payload");
        return new SignedRequest(alg, jwk, kid, nonce, url, payload, new SignedRequest.Parts(protectedPart, payloadPart, signaturePart));
    }

    /**
     * Checks the signature with {@code key} (the embedded {@code jwk}, or the account's key).
     *
     * @throws AcmeProblem {@code badSignatureAlgorithm} if the key does not fit the algorithm,
     *         {@code malformed} if the signature does not verify
     */
    public static void verify(SignedRequest request, JWK key) throws AcmeProblem {
        checkKeyFitsAlgorithm(key, request.alg());
        boolean valid;
        try {
            if (key instanceof OctetKeyPair okp) {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(ed25519(okp));
                s.update(signingInput(request.parts()));
                valid = s.verify(request.parts().signature().decode());
            } else {
                JWSObject jws = new JWSObject(request.parts().protectedHeader(), request.parts().payload(), request.parts().signature());
                valid = key instanceof ECKey ec ? jws.verify(EC.of(ec)) : jws.verify(new RSASSAVerifier((RSAKey) key));
            }
        } catch (ParseException | JOSEException | GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw AcmeProblem.malformed("the JWS signature does not verify");
        }
    }

    /** The RFC 7638 SHA-256 thumbprint of a public key, base64url: an account's key identity. */
    public static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The key as a DER SubjectPublicKeyInfo, to compare with certificate keys. */
    public static byte[] spki(JWK key) throws AcmeProblem {
        try {
            return switch (key) {
                case ECKey ec -> ec.toECPublicKey().getEncoded();
                case RSAKey rsa -> rsa.toRSAPublicKey().getEncoded();
                case OctetKeyPair okp -> ed25519(okp).getEncoded();
                default -> throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "unsupported key type");
            };
        } catch (JOSEException | GeneralSecurityException e) {
            throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "the key does not decode");
        }
    }

    /** Parses a JWK from JSON (a keyChange inner JWS, or a header member). */
    static JWK jwk(JsonNode node, String alg) throws AcmeProblem {
        if (node == null || !node.isObject()) {
            throw AcmeProblem.malformed("'jwk' must be a JSON object");
        }
        JWK key;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.convertValue(node, Map.class);
            key = JWK.parse(map);
        } catch (ParseException | IllegalArgumentException e) {
            throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "'jwk' is not a valid public key");
        }
        if (key.isPrivate()) {
            throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "'jwk' holds a private key: send the public key only");
        }
        checkKeyFitsAlgorithm(key, alg);
        return key;
    }

    private static void checkKeyFitsAlgorithm(JWK key, String alg) throws AcmeProblem {
        boolean fits = switch (key) {
            case ECKey ec -> (alg.equals("ES256") && Curve.P_256.equals(ec.getCurve()))
                    || (alg.equals("ES384") && Curve.P_384.equals(ec.getCurve()));
            case RSAKey rsa -> alg.equals("RS256") && rsa.size() >= 2048;
            case OctetKeyPair okp -> alg.equals("EdDSA") && Curve.Ed25519.equals(okp.getCurve());
            default -> false;
        };
        if (!fits) {
            throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "the key (" + key.getKeyType() + (key instanceof RSAKey r ? " " + r.size()
                    + " bits" : "") + ") does not fit algorithm " + alg + ": ES256 takes P-256, ES384 P-384, RS256 RSA of 2048 bits "
                    + "or more, EdDSA Ed25519");
        }
    }

    private static PublicKey ed25519(OctetKeyPair okp) throws GeneralSecurityException {
        byte[] x = okp.getX().decode();
        if (x.length != 32) {
            throw new GeneralSecurityException("an Ed25519 key is 32 bytes");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static byte[] signingInput(SignedRequest.Parts parts) {
        return (parts.protectedHeader() + "." + parts.payload()).getBytes(StandardCharsets.US_ASCII);
    }

    private static JsonNode json(byte[] bytes, String what) throws AcmeProblem {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw AcmeProblem.malformed(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw AcmeProblem.malformed(what + " is not valid JSON");
        }
    }

    private static Base64URL part(JsonNode top, String name) throws AcmeProblem {
        JsonNode n = top.get(name);
        if (n == null || !n.isTextual()) {
            throw AcmeProblem.malformed("the JWS has no '" + name + "' string");
        }
        String v = n.asText();
        if (!v.matches("[A-Za-z0-9_-]*")) {
            throw AcmeProblem.malformed("the JWS '" + name + "' is not base64url without padding");
        }
        return new Base64URL(v);
    }

    private static byte[] decode(Base64URL part, String what) throws AcmeProblem {
        try {
            return Base64.getUrlDecoder().decode(part.toString());
        } catch (IllegalArgumentException e) {
            throw AcmeProblem.malformed("the JWS " + what + " is not valid base64url");
        }
    }

    private static Optional<String> text(JsonNode node, String field) throws AcmeProblem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw AcmeProblem.malformed("the JWS header's '" + field + "' must be a string");
        }
        return Optional.of(v.asText());
    }

    /** A client-supplied string, cut short and stripped of control characters, for an error detail. */
    static String printable(String s) {
        return io.localtrust.acme.Printable.prefix(s, 40);
    }
}
