package io.localtrust.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.upokecenter.cbor.CBORObject;
import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.Cert;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens made without {@link StatusTokenSigner}: any header, any claims, signed by any P-256 key
 * with nimbus's own {@link ECDSASigner} (JWT) or JCA (COSE). For what the signer refuses to make.
 */
final class Forge {
    private Forge() {
    }

    /** The claims a well-behaved device would sign now, by their JWT names. */
    static Map<String, Object> claims(Device device) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", "printer.home.arpa");
        c.put("sub", device.devId());
        c.put("iat", TestDevices.NOW.getEpochSecond());
        c.put("exp", TestDevices.NOW.getEpochSecond() + 120);
        c.put("nonce", TestDevices.NONCE.value());
        c.put("cnf", Map.of("jkt", thumbprint(device.chain().leaf())));
        c.put("firmware_version", "4.2.1");
        c.put("device_status", "ok");
        return c;
    }

    /** RFC 7638 thumbprint by nimbus's X.509 route (not the code under test's). */
    static String thumbprint(Cert cert) throws Exception {
        X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.der()));
        return JWK.parse(x).computeThumbprint().toString();
    }

    // --- JWT ---

    static Map<String, Object> jwtHeader(Device device) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", "ES256");
        h.put("typ", "local-device-status+jwt");
        List<String> x5c = new ArrayList<>();
        device.chain().certs().forEach(c -> x5c.add(Base64.encode(c.der()).toString()));
        h.put("x5c", x5c);
        return h;
    }

    /** header.payload, base64url. */
    static String signingInput(Map<String, Object> header, Map<String, Object> claims) {
        return b64(JSONObjectUtils.toJSONString(header)) + "." + b64(JSONObjectUtils.toJSONString(claims));
    }

    /** A JWT signed ES256 by KEY (a P-256 key), whatever its header says. */
    static String jwt(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) throws JOSEException {
        String input = signingInput(header, claims);
        Base64URL sig = new ECDSASigner((ECPrivateKey) key).sign(new JWSHeader(JWSAlgorithm.ES256),
                input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + sig;
    }

    static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    // --- COSE ---

    static CBORObject coseHeader(Device device) {
        CBORObject chain = CBORObject.NewArray();
        device.chain().certs().forEach(c -> chain.Add(CBORObject.FromObject(c.der())));
        return CBORObject.NewMap().Add(1, -7).Add(16, "application/local-device-status+cwt").Add(33, chain);
    }

    /** JWT-named claims as a CWT claims set with the keys of docs/tokens.md. */
    static CBORObject cwt(Map<String, Object> claims) {
        CBORObject m = CBORObject.NewMap();
        claims.forEach((name, value) -> {
            switch (name) {
                case "iss" -> m.Add(1, value);
                case "sub" -> m.Add(2, value);
                case "exp" -> m.Add(4, value);
                case "iat" -> m.Add(6, value);
                case "nonce" -> m.Add(10, ((String) value).getBytes(StandardCharsets.US_ASCII));
                case "cnf" -> m.Add(8, CBORObject.NewMap().Add(3,
                        Base64URL.from((String) ((Map<?, ?>) value).get("jkt")).decode()));
                case "firmware_version" -> m.Add(-65537, value);
                case "device_status" -> m.Add(-65538, value);
                default -> m.Add(name, value);
            }
        });
        return m;
    }

    /** A tagged COSE_Sign1 over these header and claims, signed ES256 by KEY. */
    static byte[] cose(CBORObject protectedHeader, CBORObject claims, PrivateKey key) throws Exception {
        byte[] prot = protectedHeader.EncodeToBytes();
        byte[] payload = claims.EncodeToBytes();
        return sign1(prot, CBORObject.NewMap(), payload, es256(key, sigStructure(prot, payload)));
    }

    static byte[] sigStructure(byte[] prot, byte[] payload) {
        return CBORObject.NewArray().Add("Signature1").Add(prot).Add(new byte[0]).Add(payload).EncodeToBytes();
    }

    static byte[] sign1(byte[] prot, CBORObject unprotected, byte[] payload, byte[] signature) {
        return CBORObject.FromObjectAndTag(CBORObject.NewArray().Add(prot).Add(unprotected).Add(payload).Add(signature), 18)
                .EncodeToBytes();
    }

    /** ES256 as r‖s. */
    static byte[] es256(PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(data);
        return com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToConcat(s.sign(), 64);
    }

    /** A token in FORMAT over these JWT-named claims, with the device's standard header, signed by KEY. */
    static byte[] token(TokenFormat format, Device device, Map<String, Object> claims, PrivateKey key) throws Exception {
        return format == TokenFormat.JWT
                ? jwt(jwtHeader(device), claims, key).getBytes(StandardCharsets.US_ASCII)
                : cose(coseHeader(device), cwt(claims), key);
    }
}
