package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lightweight self-signature check gives Bouncy Castle's provider's answer — for every
 * algorithm it takes over, for a tampered signature, for the wrong key, and for a certificate whose
 * two signature algorithm fields disagree — and algorithms it does not take over still work.
 */
class OwnKeySignatureTest {

    @ParameterizedTest(name = "{1} with {0}")
    @CsvSource({
        "EC:secp256r1, SHA256withECDSA", "EC:secp256r1, SHA1withECDSA", "EC:secp256r1, SHA224withECDSA",
        "EC:secp384r1, SHA384withECDSA", "EC:secp521r1, SHA512withECDSA", "EC:secp256k1, SHA256withECDSA",
        "RSA:2048, SHA256withRSA", "RSA:1024, SHA1withRSA", "RSA:2048, SHA224withRSA", "RSA:2048, SHA384withRSA",
        "RSA:2048, SHA512withRSA", "Ed25519:, Ed25519", "Ed448:, Ed448",
        "RSA:2048, SHA256withRSAandMGF1", "DSA:2048, SHA256withDSA"})
    void agreesWithTheProvider(String key, String algorithm) throws Exception {
        KeyPair pair = pair(key);
        Certificate good = selfSigned(pair, algorithm);
        assertThat(OwnKeySignature.verifies(good)).isTrue().isEqualTo(provider(good));

        byte[] der = good.getEncoded("DER");
        der[der.length - 5] ^= 0x10; // inside the signature value
        Certificate tampered = Certificate.getInstance(der);
        assertThat(OwnKeySignature.verifies(tampered)).isFalse().isEqualTo(provider(tampered));

        Certificate otherKey = withSignature(good, selfSigned(pair(key, 2), algorithm).getSignature().getOctets());
        assertThat(OwnKeySignature.verifies(otherKey)).isFalse().isEqualTo(provider(otherKey));
    }

    @ParameterizedTest
    @CsvSource({"EC:secp256r1, SHA256withECDSA", "RSA:2048, SHA256withRSA"})
    void refusesOuterAlgorithmThatDiffersFromTheSignedOne(String key, String algorithm) throws Exception {
        Certificate good = selfSigned(pair(key), algorithm);
        AlgorithmIdentifier signed = good.getSignatureAlgorithm();
        AlgorithmIdentifier outer = signed.getParameters() == null
                ? new AlgorithmIdentifier(signed.getAlgorithm(), DERNull.INSTANCE) // absent in the signed part, NULL outside
                : new AlgorithmIdentifier(signed.getAlgorithm());                   // NULL in the signed part, absent outside
        Certificate mismatched = certificate(
            good.getTBSCertificate(), outer, good.getSignature());
        assertThat(OwnKeySignature.verifies(mismatched)).isFalse().isEqualTo(provider(mismatched));
    }

    @ParameterizedTest
    @CsvSource({"EC:secp256r1, SHA256withRSA", "RSA:2048, SHA256withECDSA", "Ed25519:, SHA256withECDSA"})
    void keyOfAnotherKindIsNotProofOfAnything(String key, String claimed) throws Exception {
        Certificate good = selfSigned(pair(key), key.startsWith("RSA") ? "SHA256withRSA" : key.startsWith("EC") ? "SHA256withECDSA" : "Ed25519");
        AlgorithmIdentifier id = new org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder().find(claimed);
        Certificate relabelled = certificate(
            good.getTBSCertificate(), id, good.getSignature());
        assertThat(OwnKeySignature.verifies(relabelled)).isFalse().isEqualTo(provider(relabelled));
    }

    private static KeyPair pair(String spec) throws Exception {
        return pair(spec, 1);
    }

    private static KeyPair pair(String spec, long seed) throws Exception {
        String[] p = spec.split(":", -1);
        KeyPairGenerator g = KeyPairGenerator.getInstance(p[0], BouncyCastle.provider());
        switch (p[0]) {
            case "EC" -> g.initialize(new ECGenParameterSpec(p[1]), TestCerts.random(10 + seed));
            case "RSA", "DSA" -> g.initialize(Integer.parseInt(p[1]), TestCerts.random(20 + seed));
            default -> { }
        }
        return g.generateKeyPair();
    }

    private static Certificate selfSigned(KeyPair pair, String algorithm) throws Exception {
        X500Name name = new X500Name("CN=own key " + algorithm);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(TestCerts.NOW),
                Date.from(TestCerts.NOW.plus(Duration.ofDays(1))), name, pair.getPublic());
        return builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.provider())
                .build(pair.getPrivate())).toASN1Structure();
    }

    private static Certificate withSignature(Certificate c, byte[] signature) {
        return certificate(
            c.getTBSCertificate(), c.getSignatureAlgorithm(), new org.bouncycastle.asn1.DERBitString(signature));
    }

    private static Certificate certificate(ASN1Encodable... parts) {
        return Certificate.getInstance(new DERSequence(parts));
    }

    /** The answer of the provider path this class replaced: Bouncy Castle's holder and JCA verifier. */
    private static boolean provider(Certificate cert) {
        try {
            X509CertificateHolder holder = new X509CertificateHolder(cert);
            return holder.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                    .build(holder.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            return false;
        }
    }
}
