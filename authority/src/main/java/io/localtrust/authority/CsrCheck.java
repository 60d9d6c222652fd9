package io.localtrust.authority;

import io.localtrust.x509.BouncyCastle;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Parses a PKCS#10 request (RFC 2986) and proves the requester holds its key: the signature over
 * the DER of its CertificationRequestInfo verifies with the public key it carries.
 *
 * <p>The usual algorithms (ECDSA with SHA-2, RSA PKCS#1 v1.5 with SHA-2, Ed25519) are verified
 * with ONE {@link Signature}, by the first of the given providers that takes the key (a native
 * provider first when there is one, then Bouncy Castle). Bouncy Castle's
 * {@code JcaContentVerifierProviderBuilder} — used for any other algorithm, RSASSA-PSS included —
 * verifies every RSA or ECDSA signature twice (a second, "raw" signature it keeps for PKCS#11
 * sessions), which made the check of a CSR, already the most expensive step of issuance, cost
 * double.
 */
final class CsrCheck {
    static final int MAX_CSR_BYTES = 16 * 1024;

    /** The JCA signature names of the algorithms verified directly, by OID. */
    private static final Map<ASN1ObjectIdentifier, String> DIRECT = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA",
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519");

    /** The JCA key factory names of the public keys verified directly, by SubjectPublicKeyInfo algorithm OID. */
    private static final Map<ASN1ObjectIdentifier, String> KEYS = Map.of(
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519");

    private CsrCheck() {
    }

    static PKCS10CertificationRequest parse(byte[] der) throws IssuanceRefused {
        if (der.length == 0) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "empty certificate request");
        }
        if (der.length > MAX_CSR_BYTES) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "certificate request too large (" + der.length + " bytes; at most "
                    + MAX_CSR_BYTES + ")");
        }
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            csr.getSubjectPublicKeyInfo().getEncoded(); // forces the lazily parsed parts
            return csr;
        } catch (IOException | RuntimeException e) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "not a PKCS#10 certificate request (malformed DER)");
        }
    }

    /**
     * Verifies the request's signature with its own key ({@code spkiDer}, the DER of its
     * SubjectPublicKeyInfo), trying {@code providers} in order: a provider that cannot take the key
     * or the algorithm passes it to the next; the first that can decides. Fails closed: an
     * algorithm or key none of them takes is refused.
     */
    static void verifySignature(PKCS10CertificationRequest csr, byte[] spkiDer, List<Provider> providers)
            throws IssuanceRefused {
        Optional<String> direct = directAlgorithm(csr.getSignatureAlgorithm());
        String keyAlgorithm = KEYS.get(csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
        boolean valid;
        if (direct.isEmpty() || keyAlgorithm == null) {
            valid = verifyWithBuilder(csr);
        } else {
            byte[] signed = signedPart(csr);
            byte[] signature = csr.getSignature();
            Boolean outcome = null;
            for (Provider p : providers) {
                outcome = verifyWith(p, direct.get(), keyAlgorithm, spkiDer, signed, signature);
                if (outcome != null) {
                    break;
                }
            }
            if (outcome == null) {
                throw unsupported();
            }
            valid = outcome;
        }
        if (!valid) {
            throw new IssuanceRefused(Refusal.BAD_CSR_SIGNATURE,
                    "the request's signature does not verify: it was not signed with the key it asks to certify");
        }
    }

    /**
     * One verification by one provider: true or false, or null when this provider cannot take the
     * key or the algorithm (another may).
     */
    private static Boolean verifyWith(Provider provider, String algorithm, String keyAlgorithm, byte[] spkiDer,
                                      byte[] signed, byte[] signature) {
        Signature verifier;
        try {
            PublicKey key = KeyFactory.getInstance(keyAlgorithm, provider).generatePublic(new X509EncodedKeySpec(spkiDer));
            verifier = Signature.getInstance(algorithm, provider);
            verifier.initVerify(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null; // not this provider's key, curve or algorithm (e.g. an ECDSA signature with an RSA key: none)
        }
        try {
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // a signature that does not even decode (not DER, wrong length) does not verify
        }
    }

    /** The JCA name when the algorithm is one verified directly with its parameters as RFC 5758 / 8410 / 4055 write them. */
    private static Optional<String> directAlgorithm(AlgorithmIdentifier alg) {
        String name = DIRECT.get(alg.getAlgorithm());
        if (name == null) {
            return Optional.empty();
        }
        ASN1Encodable params = alg.getParameters();
        boolean rsa = name.endsWith("RSA");
        // ECDSA and Ed25519 take no parameters; RSA PKCS#1 v1.5 takes NULL (or, leniently, none)
        boolean wellFormed = params == null || (rsa && DERNull.INSTANCE.equals(params));
        return wellFormed ? Optional.of(name) : Optional.empty();
    }

    /** The bytes the requester signed: its CertificationRequestInfo in DER (as Bouncy Castle's own check encodes it). */
    private static byte[] signedPart(PKCS10CertificationRequest csr) throws IssuanceRefused {
        try {
            return csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "not a PKCS#10 certificate request (malformed DER)");
        }
    }

    /** Any other algorithm (RSASSA-PSS, SHA-1, …): Bouncy Castle's general verifier, whatever it accepts. */
    private static boolean verifyWithBuilder(PKCS10CertificationRequest csr) throws IssuanceRefused {
        try {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw unsupported();
        }
    }

    private static IssuanceRefused unsupported() {
        return new IssuanceRefused(Refusal.UNSUPPORTED_KEY, "the request's signature algorithm or key is not supported");
    }
}
