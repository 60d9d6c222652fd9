package io.localtrust.acme;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** A hand-made ACME client for bad-input tests: builds flattened JWS requests, right or deliberately wrong. */
final class JwsClient {
    final ECKey key;
    String kid;

    JwsClient() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).generate();
    }

    static AcmeRequest get(String url) throws Exception {
        return new AcmeRequest("GET", url, h -> null, new byte[0], InetAddress.getByName("127.0.0.1"));
    }

    static AcmeRequest post(String url, byte[] body) throws Exception {
        return post(url, body, "application/jose+json");
    }

    static AcmeRequest post(String url, byte[] body, String contentType) throws Exception {
        Map<String, String> headers = Map.of("content-type", contentType);
        return new AcmeRequest("POST", url, h -> headers.get(h.toLowerCase(java.util.Locale.ROOT)), body,
                InetAddress.getByName("127.0.0.1"));
    }

    /** A flattened JWS with this header and payload ("" for POST-as-GET), signed by this client's key. */
    byte[] sign(ObjectNode header, String payload) throws Exception {
        return sign(header, payload, new ECDSASigner(key));
    }

    static byte[] sign(ObjectNode header, String payload, JWSSigner signer) throws Exception {
        Base64URL h = Base64URL.encode(header.toString().getBytes(StandardCharsets.UTF_8));
        Base64URL p = payload.isEmpty() ? new Base64URL("") : Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
        byte[] input = (h + "." + p).getBytes(StandardCharsets.US_ASCII);
        Base64URL sig = signer.sign(new com.nimbusds.jose.JWSHeader(JWSAlgorithm.ES256), input);
        ObjectNode o = Docs.JSON.createObjectNode();
        o.put("protected", h.toString());
        o.put("payload", p.toString());
        o.put("signature", sig.toString());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A header with {@code jwk} (kid null) or {@code kid}. */
    ObjectNode header(String nonce, String url, boolean withKid) throws Exception {
        ObjectNode h = Docs.JSON.createObjectNode();
        h.put("alg", "ES256");
        if (withKid) {
            h.put("kid", kid);
        } else {
            h.set("jwk", Docs.JSON.readTree(key.toPublicJWK().toJSONString()));
        }
        h.put("nonce", nonce);
        h.put("url", url);
        return h;
    }

    static Optional<String> nonce(AcmeResponse r) {
        return Optional.ofNullable(r.header("Replay-Nonce"));
    }
}
