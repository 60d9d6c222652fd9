package io.localtrust.x509;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.Properties;

/**
 * Whether a certificate's signature verifies with the certificate's own public key.
 *
 * <p>The signature algorithms certificates use (ECDSA, RSA PKCS#1 v1.5 with SHA-1/SHA-2, Ed25519,
 * Ed448) are verified with Bouncy Castle's lightweight API — the same engines its JCA provider
 * wraps, so the same answers — without building that provider: {@code new BouncyCastleProvider()}
 * registers some thousand algorithms by reflection, which cost a one-shot command such as
 * {@code localtrust scan} more CPU than every signature it checks (BENCHMARKS.md, "scan-cpu").
 * Anything else (RSASSA-PSS with its parameters, DSA, …) goes through the provider as before.
 */
final class OwnKeySignature {
    /** Signature algorithm OID → the verifier for it; a new one per use (signers are stateful). */
    private static final Map<ASN1ObjectIdentifier, Supplier<Signer>> LIGHTWEIGHT = Map.ofEntries(
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA1, () -> ecdsa(new SHA1Digest())),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA224, () -> ecdsa(new SHA224Digest())),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA256, () -> ecdsa(new SHA256Digest())),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA384, () -> ecdsa(new SHA384Digest())),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA512, () -> ecdsa(new SHA512Digest())),
            Map.entry(PKCSObjectIdentifiers.sha1WithRSAEncryption, () -> new RSADigestSigner(new SHA1Digest())),
            Map.entry(PKCSObjectIdentifiers.sha224WithRSAEncryption, () -> new RSADigestSigner(new SHA224Digest())),
            Map.entry(PKCSObjectIdentifiers.sha256WithRSAEncryption, () -> new RSADigestSigner(new SHA256Digest())),
            Map.entry(PKCSObjectIdentifiers.sha384WithRSAEncryption, () -> new RSADigestSigner(new SHA384Digest())),
            Map.entry(PKCSObjectIdentifiers.sha512WithRSAEncryption, () -> new RSADigestSigner(new SHA512Digest())),
            Map.entry(EdECObjectIdentifiers.id_Ed25519, Ed25519Signer::new),
            Map.entry(EdECObjectIdentifiers.id_Ed448, () -> new Ed448Signer(new byte[0])));

    private OwnKeySignature() {
    }

    private static Signer ecdsa(Digest digest) {
        return new DSADigestSigner(new ECDSASigner(), digest, StandardDSAEncoding.INSTANCE);
    }

    /** True when {@code cert}'s signature verifies with its own key; false for anything that cannot be verified. */
    static boolean verifies(Certificate cert) {
        Supplier<Signer> lightweight = LIGHTWEIGHT.get(cert.getSignatureAlgorithm().getAlgorithm());
        try {
            if (lightweight == null) {
                return throughProvider(cert);
            }
            if (!sameAlgorithm(cert.getTBSCertificate().getSignature(), cert.getSignatureAlgorithm())) {
                return false; // RFC 5280 §4.1.1.2: the two must be the same; the provider path refuses a mismatch too
            }
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(cert.getSubjectPublicKeyInfo());
            Signer signer = lightweight.get();
            signer.init(false, key);
            byte[] tbs = cert.getTBSCertificate().getEncoded("DER");
            signer.update(tbs, 0, tbs.length);
            return signer.verifySignature(cert.getSignature().getOctets());
        } catch (Exception e) {
            return false; // a key that does not parse or does not fit the algorithm: not provably self-signed
        }
    }

    /**
     * As Bouncy Castle's certificate holder compares them before it verifies: the same OID and equal
     * parameters — absent and NULL alike only when BC's {@code allow_absent_equiv_NULL} override is set.
     */
    private static boolean sameAlgorithm(AlgorithmIdentifier a, AlgorithmIdentifier b) {
        if (!a.getAlgorithm().equals(b.getAlgorithm())) {
            return false;
        }
        ASN1Encodable x = a.getParameters();
        ASN1Encodable y = b.getParameters();
        if ((x == null || y == null) && Properties.isOverrideSet("org.bouncycastle.x509.allow_absent_equiv_NULL")) {
            return (x == null || DERNull.INSTANCE.equals(x)) && (y == null || DERNull.INSTANCE.equals(y));
        }
        return Objects.equals(x, y);
    }

    private static boolean throughProvider(Certificate cert) throws Exception {
        X509CertificateHolder holder = new X509CertificateHolder(cert);
        return holder.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .setProvider(BouncyCastle.provider()).build(holder.getSubjectPublicKeyInfo()));
    }
}
