package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * {@code FACTORABLE_RSA_KEY}: an RSA modulus anyone can factor in milliseconds, so the private
 * key is effectively public.
 *
 * <p>Three tests, each cheap:
 * <ul>
 *   <li>the modulus is even (zlint {@code w_rsa_mod_not_odd}; BR §6.1.6 and NIST SP 800-89
 *       §5.3.3 require an odd modulus);</li>
 *   <li>it has a prime factor below 752 (zlint {@code w_rsa_mod_factors_smaller_than_752}, BR
 *       §6.1.6 and SP 800-89 §5.3.3): one gcd with the product of those primes;</li>
 *   <li>its primes are so close that Fermat's method finds them within 100 rounds from
 *       ⌈√N⌉ (zlint {@code e_rsa_fermat_factorization}, after Böck's 2022 finding of
 *       such keys in printers — https://fermatattack.secvuln.info/).</li>
 * </ul>
 */
public final class FactorableRsaKey implements Lint {

    /** Rounds of Fermat's method, as zlint and Boulder run it. */
    static final int FERMAT_ROUNDS = 100;
    static final int SMALL_PRIME_BOUND = 752;
    private static final BigInteger SMALL_PRIMES_PRODUCT = productOfPrimesBelow(SMALL_PRIME_BOUND);

    @Override
    public String code() {
        return "FACTORABLE_RSA_KEY";
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public String description() {
        return "RSA modulus that is even, has a prime factor below 752, or falls to 100 rounds of Fermat factorisation";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        Optional<BigInteger> modulus = cert.key().rsaModulus();
        if (!cert.key().isRsa() || modulus.isEmpty()) {
            return List.of();
        }
        return reason(modulus.get())
                .map(why -> List.of(new Finding(code(), severity(),
                        "RSA modulus (" + modulus.get().bitLength() + " bits) " + why
                                + ": anyone can compute the private key")))
                .orElse(List.of());
    }

    /** Why the modulus is factorable, or empty when none of the three tests succeeds. */
    static Optional<String> reason(BigInteger n) {
        if (n.signum() <= 0) {
            return Optional.of("is not positive");
        }
        if (isEven(n)) {
            return Optional.of("is even");
        }
        if (hasSmallPrimeFactor(n)) {
            return Optional.of("has a prime factor below " + SMALL_PRIME_BOUND);
        }
        if (fermatFactorable(n)) {
            return Optional.of("falls to Fermat factorisation (its two primes are too close)");
        }
        return Optional.empty();
    }

    static boolean isEven(BigInteger n) {
        return !n.testBit(0);
    }

    /** gcd(N, ∏ primes below 752) &gt; 1, unless N is itself one of those small primes. */
    static boolean hasSmallPrimeFactor(BigInteger n) {
        BigInteger g = n.gcd(SMALL_PRIMES_PRODUCT);
        return !g.equals(BigInteger.ONE) && !g.equals(n);
    }

    /**
     * Fermat's method from a = ⌈√N⌉: N = a² − b² = (a + b)(a − b) as soon as a² − N is a
     * perfect square. Succeeds within {@link #FERMAT_ROUNDS} steps only when the primes differ
     * by roughly less than 2·N^¼·√rounds — never for independently chosen primes.
     */
    static boolean fermatFactorable(BigInteger n) {
        if (n.signum() <= 0) {
            return false;
        }
        BigInteger a = n.sqrt();
        if (a.multiply(a).compareTo(n) < 0) {
            a = a.add(BigInteger.ONE);
        }
        BigInteger b2 = a.multiply(a).subtract(n);
        for (int i = 0; i < FERMAT_ROUNDS; i++) {
            BigInteger b = b2.sqrt();
            if (b.multiply(b).equals(b2)) {
                return a.subtract(b).compareTo(BigInteger.ONE) > 0; // a − b = 1 would be the trivial 1·N
            }
            // (a + 1)² − N = a² − N + 2a + 1
            b2 = b2.add(a.shiftLeft(1)).add(BigInteger.ONE);
            a = a.add(BigInteger.ONE);
        }
        return false;
    }

    private static BigInteger productOfPrimesBelow(int bound) {
        BigInteger product = BigInteger.ONE;
        for (int p : SmallPrimes.between(2, bound)) {
            product = product.multiply(BigInteger.valueOf(p));
        }
        return product;
    }
}
