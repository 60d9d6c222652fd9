package io.localtrust.lint;

import static io.localtrust.lint.CraftedRsaKeys.leafWithModulus;
import static io.localtrust.lint.CraftedRsaKeys.randomPrime;
import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;

class FactorableRsaKeyTest {
    private final FactorableRsaKey lint = new FactorableRsaKey();

    @Test
    void fermatFactorsAdjacentPrimes() {
        BigInteger p = randomPrime(1024);
        BigInteger q = p.nextProbablePrime();

        assertThat(FactorableRsaKey.fermatFactorable(p.multiply(q))).isTrue();
    }

    @Test
    void fermatFactorsPrimesAFewRoundsApart() {
        // Fermat needs about (q − p)² / (8√N) rounds: q − p = 2^515 takes 8 to 16 of the 100.
        BigInteger p = randomPrime(1024);
        BigInteger q = p.add(BigInteger.ONE.shiftLeft(515)).nextProbablePrime();

        assertThat(FactorableRsaKey.fermatFactorable(p.multiply(q))).isTrue();
    }

    @Test
    void fermatGivesUpAfterHundredRounds() {
        // q − p = 2^518 would take 512 to 1024 rounds.
        BigInteger p = randomPrime(1024);
        BigInteger q = p.add(BigInteger.ONE.shiftLeft(518)).nextProbablePrime();

        assertThat(FactorableRsaKey.fermatFactorable(p.multiply(q))).isFalse();
    }

    @Test
    void fermatFactorsSquareOfPrime() {
        BigInteger p = randomPrime(1024);

        assertThat(FactorableRsaKey.fermatFactorable(p.multiply(p))).isTrue();
    }

    @Test
    void fermatDoesNotFactorIndependentPrimes() {
        BigInteger n = randomPrime(1024).multiply(randomPrime(1024));

        assertThat(FactorableRsaKey.fermatFactorable(n)).isFalse();
    }

    @Test
    void fermatDoesNotCallAPrimeFactorable() {
        assertThat(FactorableRsaKey.fermatFactorable(randomPrime(2048))).isFalse();
    }

    @Test
    void fermatFactorsZlintSusceptibleFixture() throws IOException {
        // Our CertificateReader refuses this fixture (its issuer DN is empty, which RFC 5280 §4.1.2.4
        // forbids), so the agreement test counts it as unparsable; its key is still worth checking.
        BigInteger n = modulusOfZlintFixture("rsaFermatFactorizationSusceptible.pem");

        assertThat(FactorableRsaKey.fermatFactorable(n)).isTrue();
        assertThat(FactorableRsaKey.reason(n)).contains("falls to Fermat factorisation (its two primes are too close)");
    }

    /** The RSA modulus of a ZLint fixture, read from the raw TBSCertificate without validating names. */
    private static BigInteger modulusOfZlintFixture(String pem) throws IOException {
        String text = Files.readString(SharedTestData.lintData().resolve("zlint-subset/testdata").resolve(pem),
                StandardCharsets.ISO_8859_1);
        try (PemReader reader = new PemReader(new StringReader(text.substring(text.indexOf("-----BEGIN"))))) {
            ASN1Sequence tbs = ASN1Sequence.getInstance(
                    ASN1Sequence.getInstance(reader.readPemObject().getContent()).getObjectAt(0));
            int spkiIndex = tbs.getObjectAt(0) instanceof ASN1TaggedObject ? 6 : 5;
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(tbs.getObjectAt(spkiIndex));
            return RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus();
        }
    }

    @Test
    void findsPrimeFactorBelow752() {
        BigInteger n = BigInteger.valueOf(751).multiply(randomPrime(2038));

        assertThat(FactorableRsaKey.hasSmallPrimeFactor(n)).isTrue();
        assertThat(FactorableRsaKey.hasSmallPrimeFactor(BigInteger.valueOf(757).multiply(randomPrime(2038)))).isFalse();
    }

    @Test
    void flagsLeafWithEvenModulus() {
        var cert = leafWithModulus(BigInteger.TWO.multiply(randomPrime(2047)));

        assertThat(lint.check(cert, leaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("FACTORABLE_RSA_KEY");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).isEqualTo("RSA modulus (2048 bits) is even: anyone can compute the private key");
        });
    }

    @Test
    void flagsLeafWithSmallPrimeFactor() {
        var cert = leafWithModulus(BigInteger.valueOf(3).multiply(randomPrime(2047)));

        assertThat(lint.check(cert, leaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("has a prime factor below 752"));
    }

    @Test
    void flagsLeafWithFermatFactorableModulus() {
        BigInteger p = randomPrime(1024);
        var cert = leafWithModulus(p.multiply(p.nextProbablePrime()));

        assertThat(lint.check(cert, leaf())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("Fermat factorisation"));
    }

    @Test
    void passesGeneratedRsa2048Key() {
        var cert = maker().key(KeyKind.RSA_2048).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void ignoresEcKeys() {
        var cert = maker().key(KeyKind.EC_P384).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }
}
