package io.localtrust.names.proof;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device side of {@link KeyProof}: a registration proof signed with the device's EC key
 * (ES256 for P-256, ES384 for P-384), the public key in the header. The private key stays in the
 * caller's {@link KeyPair} (a PKCS#11 key works: only its {@code Signature} is used).
 */
public final class ProofMaker {
    private ProofMaker() {
    }

    /**
     * A proof for the service of zone {@code audience}.
     *
     * @param jti a fresh random id (16 to 128 characters) — never reuse one: the service refuses it
     */
    public static String sign(KeyPair device, String audience, Instant issuedAt, String jti, List<String> allowFrom,
            Optional<String> address) {
        if (!(device.getPublic() instanceof ECPublicKey pub)) {
            throw new IllegalArgumentException("a registration proof is signed with an EC key");
        }
        Curve curve = Curve.forECParameterSpec(pub.getParams());
        JWSAlgorithm alg = Curve.P_384.equals(curve) ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256;
        ECKey jwk = new ECKey.Builder(curve, pub).build();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("jti", jti);
        if (!allowFrom.isEmpty()) {
            claims.put("allowfrom", allowFrom);
        }
        address.ifPresent(a -> claims.put("address", a));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).type(new JOSEObjectType("names-register+jwt")).jwk(jwk).build(),
                new Payload(claims));
        try {
            jws.sign(new ECDSASigner(device.getPrivate(), curve));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the registration proof: " + e.getMessage(), e);
        }
        return jws.serialize();
    }
}
