package io.localtrust.agent.publicname;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.localtrust.agent.identity.DeviceKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A registration proof (docs/names.md, {@code POST /device/register}): a compact JWS signed by
 * the device key — in its token when it lives in one, only its {@code Signature} is used — the
 * public key in the header, over the service's zone ({@code aud}), the time, a fresh random
 * {@code jti} (the service refuses one it has seen) and optionally the address to answer.
 * The names module's {@code ProofMaker} makes the same from a plain key pair; the agent keeps its
 * own so a device carries none of the service's dependencies.
 */
public final class RegistrationProof {
    private RegistrationProof() {
    }

    /** A proof for the service of {@code zone}, made now. EC keys (P-256: ES256, P-384: ES384). */
    public static String sign(DeviceKey key, String zone, Instant now, SecureRandom random, Optional<String> address) {
        if (!(key.publicKey() instanceof ECPublicKey pub)) {
            throw new IllegalArgumentException("registration with a names service needs an EC device key, not "
                    + key.publicKey().getAlgorithm());
        }
        Curve curve = Curve.forECParameterSpec(pub.getParams());
        JWSAlgorithm alg = Curve.P_384.equals(curve) ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256;
        byte[] id = new byte[16];
        random.nextBytes(id);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", zone);
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", HexFormat.of().formatHex(id));
        address.ifPresent(a -> claims.put("address", a));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).type(new JOSEObjectType("names-register+jwt"))
                .jwk(new ECKey.Builder(curve, pub).build()).build(), new Payload(claims));
        try {
            ECDSASigner signer = new ECDSASigner(key.privateKey(), curve);
            key.provider().ifPresent(p -> signer.getJCAContext().setProvider(p));
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the registration proof with the device key: " + e.getMessage(), e);
        }
        return jws.serialize();
    }
}
