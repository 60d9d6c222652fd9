package io.localtrust.trust;

import io.localtrust.x509.BouncyCastle;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signature checks with Bouncy Castle, remembered per (signed object, key) so that trying many
 * paths through the same certificates costs one verification each; and the algorithm and key
 * policy every path must meet.
 */
final class Signatures {
    private static final Set<String> REFUSED = Set.of(
            "1.2.840.113549.1.1.2", // md2WithRSAEncryption
            "1.2.840.113549.1.1.3", // md4WithRSAEncryption
            "1.2.840.113549.1.1.4"); // md5WithRSAEncryption

    /** Remembered answers; cleared when full, so a long-lived engine's memory stays bounded. */
    private static final int MAX_CACHED = 10_000;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();
    /** Issuer keys as key objects, by SubjectPublicKeyInfo; cleared when full. */
    private static final int MAX_KEYS = 1_000;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    private static final Set<String> SHA1 = Set.of(
            "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
            "1.3.14.3.2.29", // sha1WithRSA (OIW)
            "1.2.840.10045.4.1", // ecdsa-with-SHA1
            "1.2.840.10040.4.3"); // dsa-with-sha1
    private static final int MIN_RSA_BITS = 1024;

    /**
     * Why a certificate's signature or key is refused whatever the signature says: MD2/4/5
     * always, SHA-1 unless allowed (Chrome refuses it; PKITS's DSA cases need it), RSA keys
     * under 1024 bits as signer or as the certificate's own key.
     */
    Optional<String> refused(Node node, SubjectPublicKeyInfo signer, boolean allowSha1) {
        String alg = node.asn1.getSignatureAlgorithm().getAlgorithm().getId();
        if (REFUSED.contains(alg) || (!allowSha1 && SHA1.contains(alg))) {
            return Optional.of("signed with a refused algorithm (" + node.cert.signatureAlgorithm() + ")");
        }
        if (rsaBits(signer) < MIN_RSA_BITS) {
            return Optional.of("signed by an RSA key under " + MIN_RSA_BITS + " bits");
        }
        if (rsaBits(node.asn1.getSubjectPublicKeyInfo()) < MIN_RSA_BITS) {
            return Optional.of("its RSA key is under " + MIN_RSA_BITS + " bits");
        }
        return Optional.empty();
    }

    /** The modulus length of an RSA key; MAX_VALUE for other keys; 0 when it cannot be read. */
    private static int rsaBits(SubjectPublicKeyInfo key) {
        if (!key.getAlgorithm().getAlgorithm().getId().equals("1.2.840.113549.1.1.1")) {
            return Integer.MAX_VALUE;
        }
        try {
            return org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Verifies a certificate's signature with the given key. */
    boolean verifies(Node child, SubjectPublicKeyInfo key) {
        String k = child.cert.fingerprints().sha256() + "/" + java.util.Base64.getEncoder().encodeToString(encoded(key));
        Boolean known = cache.get(k);
        if (known != null) {
            return known;
        }
        boolean ok = check(child, key);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(k, ok);
        return ok;
    }

    private boolean check(Node child, SubjectPublicKeyInfo key) {
        try {
            PublicKey k = publicKey(key);
            ContentVerifierProvider provider = k != null
                    ? new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider()).build(k)
                    : provider(key);
            return new X509CertificateHolder(child.asn1).isSignatureValid(provider);
        } catch (Exception | LinkageError e) {
            return false; // an unusable key or unknown algorithm verifies nothing
        }
    }

    /**
     * The issuer's key as a Bouncy Castle key object, made once per key: an issuing CA signs many leaves, and
     * Bouncy Castle keeps its ECDSA precomputation for a public point on the key object, so verifying with the
     * same object again costs well under half of verifying with a new one (BENCHMARKS.md, ladder section).
     * Null for a key the converter cannot make (then the verifier provider is built from the key info, as before).
     */
    private PublicKey publicKey(SubjectPublicKeyInfo key) {
        String k = java.util.Base64.getEncoder().encodeToString(encoded(key));
        PublicKey known = keys.get(k);
        if (known != null) {
            return known;
        }
        PublicKey made;
        try {
            made = new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPublicKey(key);
        } catch (Exception e) {
            return null; // a key the converter does not know: verified the general way, uncached
        }
        if (keys.size() >= MAX_KEYS) {
            keys.clear();
        }
        keys.put(k, made);
        return made;
    }

    static ContentVerifierProvider provider(SubjectPublicKeyInfo key) throws Exception {
        return new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider()).build(key);
    }

    /**
     * RFC 5280 §6.1.4 (f)/(e): a DSA key without parameters inherits the working parameters of
     * its issuer's key.
     */
    static SubjectPublicKeyInfo inherit(SubjectPublicKeyInfo key, SubjectPublicKeyInfo working) {
        ASN1ObjectIdentifier alg = key.getAlgorithm().getAlgorithm();
        ASN1Encodable params = key.getAlgorithm().getParameters();
        boolean absent = params == null || params.toASN1Primitive() instanceof org.bouncycastle.asn1.ASN1Null;
        if (alg.equals(X9ObjectIdentifiers.id_dsa) && absent
                && working.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_dsa)) {
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(alg, working.getAlgorithm().getParameters()),
                    key.getPublicKeyData().getBytes());
        }
        return key;
    }

    private static byte[] encoded(SubjectPublicKeyInfo key) {
        try {
            return key.getEncoded();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
