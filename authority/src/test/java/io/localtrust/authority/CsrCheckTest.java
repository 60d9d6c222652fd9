package io.localtrust.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.KeyKind;
import java.security.KeyPair;
import java.security.Provider;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsrCheckTest {
    private static final List<Provider> BC = List.of(BouncyCastle.provider());

    private static PKCS10CertificationRequest csr(KeyPair key, String algorithm) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), key.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.provider()).build(key.getPrivate()));
    }

    private static void verify(PKCS10CertificationRequest csr, List<Provider> providers) throws IssuanceRefused {
        try {
            CsrCheck.verifySignature(csr, csr.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER), providers);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The same request with another signature value, or another signature algorithm. */
    private static PKCS10CertificationRequest resigned(PKCS10CertificationRequest csr, AlgorithmIdentifier alg, byte[] signature)
            throws Exception {
        CertificationRequest raw = csr.toASN1Structure();
        return new PKCS10CertificationRequest(CertificationRequest.getInstance(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            raw.getCertificationRequestInfo(), alg, new DERBitString(signature)})).getEncoded(ASN1Encoding.DER));
    }

    private static void assertRefused(Refusal code, ThrowingCheck check) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(IssuanceRefused.class,
                e -> assertThat(e.refusal()).as(e.getMessage()).isEqualTo(code));
    }

    interface ThrowingCheck {
        void run() throws Exception;
    }

    /** Bouncy Castle alone, or the native provider first, as a gateway runs it where Conscrypt loads. */
    private static List<Provider> providers(String which) {
        return switch (which) {
            case "bc" -> BC;
            case "native" -> List.of(NativeCryptoTest.conscrypt(), BouncyCastle.provider());
            default -> throw new IllegalArgumentException(which);
        };
    }

    @ParameterizedTest
    @CsvSource({"EC_P256, SHA256withECDSA", "EC_P384, SHA384withECDSA", "EC_P256, SHA512withECDSA",
        "RSA_2048, SHA256withRSA", "RSA_2048, SHA512withRSA", "ED25519, Ed25519",
        "RSA_2048, SHA256withRSAandMGF1", "RSA_2048, SHA1withRSA"})
    void aRequestSignedWithItsOwnKeyVerifiesAndAnyChangedBitDoesNot(KeyKind kind, String algorithm) throws Exception {
        for (String which : List.of("bc", "native")) {
            List<Provider> providers = providers(which);
            KeyPair key = kind.generate(TestGateway.RANDOM);
            PKCS10CertificationRequest good = csr(key, algorithm);
            assertThatCode(() -> verify(good, providers)).as(which).doesNotThrowAnyException();

            byte[] signature = good.getSignature();
            signature[signature.length / 2] ^= 0x01;
            assertRefused(Refusal.BAD_CSR_SIGNATURE, () -> verify(resigned(good, good.getSignatureAlgorithm(), signature), providers));

            PKCS10CertificationRequest other = csr(kind.generate(TestGateway.RANDOM), algorithm);
            assertRefused(Refusal.BAD_CSR_SIGNATURE,
                    () -> verify(resigned(good, good.getSignatureAlgorithm(), other.getSignature()), providers));
        }
    }

    @Test
    void theNativeProviderChecksWhatItImplementsAndLeavesTheRestToBouncyCastle() throws Exception {
        Provider conscrypt = NativeCryptoTest.conscrypt();
        PKCS10CertificationRequest p256 = csr(KeyKind.EC_P256.generate(TestGateway.RANDOM), "SHA256withECDSA");
        assertThatCode(() -> verify(p256, List.of(conscrypt))).doesNotThrowAnyException();
        // Ed25519 and secp256k1 are not Conscrypt's: alone it refuses them, with Bouncy Castle after it they verify
        PKCS10CertificationRequest ed = csr(KeyKind.ED25519.generate(TestGateway.RANDOM), "Ed25519");
        assertRefused(Refusal.UNSUPPORTED_KEY, () -> verify(ed, List.of(conscrypt)));
        assertThatCode(() -> verify(ed, providers("native"))).doesNotThrowAnyException();
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256k1"));
        PKCS10CertificationRequest k1 = csr(g.generateKeyPair(), "SHA256withECDSA");
        assertRefused(Refusal.UNSUPPORTED_KEY, () -> verify(k1, List.of(conscrypt)));
        assertThatCode(() -> verify(k1, providers("native"))).doesNotThrowAnyException();
        assertRefused(Refusal.BAD_CSR_SIGNATURE, () -> verify(resigned(p256, p256.getSignatureAlgorithm(), new byte[] {1, 2, 3}),
                providers("native")));
    }

    @Test
    void aSignatureThatDoesNotEvenDecodeDoesNotVerify() throws Exception {
        PKCS10CertificationRequest good = csr(KeyKind.EC_P256.generate(TestGateway.RANDOM), "SHA256withECDSA");
        assertRefused(Refusal.BAD_CSR_SIGNATURE, () -> verify(resigned(good, good.getSignatureAlgorithm(), new byte[] {1, 2, 3}), BC));
        assertRefused(Refusal.BAD_CSR_SIGNATURE, () -> verify(resigned(good, good.getSignatureAlgorithm(), new byte[0]), BC));
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyIsUnsupported() throws Exception {
        PKCS10CertificationRequest rsa = csr(KeyKind.RSA_2048.generate(TestGateway.RANDOM), "SHA256withRSA");
        assertRefused(Refusal.UNSUPPORTED_KEY, () -> verify(resigned(rsa,
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256), rsa.getSignature()), BC));
        // parameters where ECDSA has none: not the direct path; Bouncy Castle's general verifier decides, as before
        PKCS10CertificationRequest ec = csr(KeyKind.EC_P256.generate(TestGateway.RANDOM), "SHA256withECDSA");
        assertThatCode(() -> verify(resigned(ec, new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256,
                X9ObjectIdentifiers.prime256v1), ec.getSignature()), BC)).doesNotThrowAnyException();
    }

    @Test
    void aProviderThatCannotTakeTheKeyPassesItToTheNext() throws Exception {
        Provider rsaOnly = java.security.Security.getProvider("SunRsaSign"); // has no EC key factory
        List<Provider> rsaFirst = List.of(rsaOnly, BouncyCastle.provider());
        PKCS10CertificationRequest p256 = csr(KeyKind.EC_P256.generate(TestGateway.RANDOM), "SHA256withECDSA");
        assertThatCode(() -> verify(p256, rsaFirst)).doesNotThrowAnyException();
        assertRefused(Refusal.UNSUPPORTED_KEY, () -> verify(p256, List.of(rsaOnly)));
        assertRefused(Refusal.UNSUPPORTED_KEY, () -> verify(p256, List.of()));

        PKCS10CertificationRequest rsa = csr(KeyKind.RSA_2048.generate(TestGateway.RANDOM), "SHA256withRSA");
        byte[] forged = rsa.getSignature();
        forged[10] ^= 0x40;
        // the first provider that takes the key decides: a bad signature is not retried elsewhere
        assertRefused(Refusal.BAD_CSR_SIGNATURE, () -> verify(resigned(rsa, rsa.getSignatureAlgorithm(), forged), rsaFirst));
        assertThatCode(() -> verify(rsa, rsaFirst)).doesNotThrowAnyException();
    }
}
