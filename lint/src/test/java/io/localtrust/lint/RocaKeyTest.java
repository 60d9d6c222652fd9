package io.localtrust.lint;

import static io.localtrust.lint.CraftedRsaKeys.F4;
import static io.localtrust.lint.CraftedRsaKeys.leafWithModulus;
import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.KeyKind;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RocaKeyTest {
    /** M: the product of the fingerprint primes 3 … 167, as RSALib's primorial. */
    private static final BigInteger M = RocaKey.PRIMES.stream().map(BigInteger::valueOf)
            .reduce(BigInteger.ONE, BigInteger::multiply);
    private final RocaKey lint = new RocaKey();

    /** A prime of RSALib's shape, p = k·M + (65537^a mod M), with random k and a. */
    private static BigInteger rocaPrime(int bits) {
        while (true) {
            BigInteger k = CraftedRsaKeys.random(bits - M.bitLength()).setBit(bits - M.bitLength() - 1);
            BigInteger a = CraftedRsaKeys.random(64);
            BigInteger p = k.multiply(M).add(F4.modPow(a, M));
            if (p.isProbablePrime(64)) {
                return p;
            }
        }
    }

    @Test
    void theFingerprintUsesTheToolsThirtyEightOddPrimes() {
        assertThat(RocaKey.PRIMES).hasSize(38).startsWith(3, 5, 7).endsWith(163, 167);
    }

    @Test
    void detectsConstructedRocaModulus() {
        BigInteger n = rocaPrime(1024).multiply(rocaPrime(1024));

        assertThat(RocaKey.hasFingerprint(n)).isTrue();
    }

    @Test
    void flagsLeafWithRocaKey() {
        var cert = leafWithModulus(rocaPrime(1024).multiply(rocaPrime(1024)));

        assertThat(lint.check(cert, leaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("ROCA_KEY");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("CVE-2017-15361");
        });
    }

    @Test
    void passesGeneratedRsa2048Key() {
        var cert = maker().key(KeyKind.RSA_2048).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }

    @Test
    void passesProductOfIndependentPrimes() {
        for (int i = 0; i < 20; i++) {
            BigInteger n = CraftedRsaKeys.randomPrime(1024).multiply(CraftedRsaKeys.randomPrime(1024));
            assertThat(RocaKey.hasFingerprint(n)).as("random modulus %d", i).isFalse();
        }
    }

    @Test
    void ignoresModulusWhoseResiduesPassTheScreenButDisagree() {
        // Every residue a power of 65537, but with independent exponents: N mod M is almost surely
        // outside ⟨65537⟩ mod M, so the per-prime screen passes and the confirmation fails.
        BigInteger x = BigInteger.ZERO;
        for (int r : RocaKey.PRIMES) {
            BigInteger pr = BigInteger.valueOf(r);
            BigInteger residue = F4.modPow(CraftedRsaKeys.random(16), pr);
            BigInteger others = M.divide(pr);
            x = x.add(residue.multiply(others).multiply(others.modInverse(pr))).mod(M);
        }
        BigInteger n = CraftedRsaKeys.random(1800).multiply(M).add(x);

        assertThat(RocaKey.passesScreen(n)).isTrue();
        assertThat(RocaKey.hasFingerprint(n)).isFalse();
    }

    @Test
    void ignoresEcKeys() {
        var cert = maker().key(KeyKind.EC_P256).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, leaf())).isEmpty();
    }
}
