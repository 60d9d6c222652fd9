package io.localtrust.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.Digests;
import io.localtrust.x509.KeyInfo;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * A device's TLS public key as tokens need it: the algorithm it signs with, its RFC 7638 JWK
 * thumbprint (cnf.jkt) and its dev-id, all derived from the SubjectPublicKeyInfo DER. The JCA key
 * is re-made from that DER with the JDK's own key factory, whatever provider the caller's was.
 */
record DeviceKey(PublicKey publicKey, TokenAlgorithm algorithm, String thumbprint, String devId) {

    /** The key of a SubjectPublicKeyInfo, or why tokens cannot use it. */
    static DeviceKey fromSpki(byte[] spkiDer) throws UnsupportedKeyException {
        KeyInfo info;
        try {
            info = KeyInfo.fromSpki(spkiDer);
        } catch (CertificateParseException e) {
            throw new UnsupportedKeyException(e.getMessage());
        }
        try {
            if (info.algorithm().equals("Ed25519")) {
                PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spkiDer));
                // RFC 8410 §4: the SubjectPublicKeyInfo of an Ed25519 key is 12 fixed bytes, then the 32-byte key
                if (spkiDer.length != 44) {
                    throw new UnsupportedKeyException("an Ed25519 SubjectPublicKeyInfo has 44 bytes, not " + spkiDer.length);
                }
                JWK jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spkiDer, 12, 44))).build();
                return new DeviceKey(key, TokenAlgorithm.EDDSA, jwk.computeThumbprint().toString(), Digests.devId(spkiDer));
            }
            if (info.isEc()) {
                ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spkiDer));
                Curve curve = Curve.forECParameterSpec(key.getParams());
                for (TokenAlgorithm a : TokenAlgorithm.values()) {
                    if (a.ecdsa() && a.curve().equals(curve)) {
                        JWK jwk = new ECKey.Builder(curve, key).build();
                        return new DeviceKey(key, a, jwk.computeThumbprint().toString(), Digests.devId(spkiDer));
                    }
                }
            }
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw new UnsupportedKeyException("unreadable " + info.describe() + " key (" + e.getMessage() + ")");
        }
        throw new UnsupportedKeyException("status tokens are signed with EC P-256, EC P-384 or Ed25519 keys, not "
                + info.describe());
    }

    /** Why a key cannot sign or bind a status token. */
    static final class UnsupportedKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedKeyException(String message) {
            super(message);
        }
    }
}
