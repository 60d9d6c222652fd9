package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ROCA_KEY}: an RSA modulus with the fingerprint of Infineon's RSALib prime generator
 * (ROCA, CVE-2017-15361; Nemec et al., "The Return of Coppersmith's Attack", CCS 2017).
 *
 * <p>RSALib made every prime as p = k·M + (65537^a mod M), M the product of the first primes, so
 * N = p·q ≡ 65537^(a+b) (mod M): N mod M lies in the cyclic subgroup that 65537 generates. The
 * test follows the published {@code roca-detect} tool, over its 38 odd primes 3 … 167 (2 is left
 * out: 65537 ≡ 1 mod 2 and every RSA modulus is odd), with each prime's subgroup computed here at
 * class initialisation:
 * <ol>
 *   <li>screen: for every prime r, N mod r must be a power of 65537 mod r. A random modulus passes
 *       with probability about 2⁻²⁸ (the product of |⟨65537⟩| / (r − 1));</li>
 *   <li>confirm: the exponents must agree — with e_r the discrete logarithm of N mod r and o_r the
 *       order of 65537 mod r, some single a with a ≡ e_r (mod o_r) for all r must exist, which by
 *       the generalised Chinese remainder theorem holds iff e_r ≡ e_s (mod gcd(o_r, o_s)) for every
 *       pair. That is exact membership of N mod M in ⟨65537⟩ ⊂ (ℤ/M)*, the paper's test; a random
 *       modulus passes with probability about 2⁻¹⁵⁵.</li>
 * </ol>
 * Such a key factors with Coppersmith's method — 1024 bits in CPU-days, 2048 bits in about a
 * hundred CPU-years, rentable — which is why the finding is critical.
 */
public final class RocaKey implements Lint {

    /** The public exponent RSALib used as the generator. */
    static final int GENERATOR = 65537;
    /** The odd primes of the published fingerprint, 3 … 167. */
    static final List<Integer> PRIMES = SmallPrimes.between(3, 168);
    /** LOGS[i][x]: k with 65537^k ≡ x (mod PRIMES[i]), 0 ≤ k &lt; ORDERS[i]; −1 outside the subgroup. */
    private static final int[][] LOGS = new int[PRIMES.size()][];
    /** ORDERS[i]: the multiplicative order of 65537 modulo PRIMES[i]. */
    private static final int[] ORDERS = new int[PRIMES.size()];

    static {
        for (int i = 0; i < PRIMES.size(); i++) {
            int r = PRIMES.get(i);
            int[] logs = new int[r];
            Arrays.fill(logs, -1);
            int g = GENERATOR % r;
            int x = 1;
            int k = 0;
            do {
                logs[x] = k++;
                x = (x * g) % r;
            } while (x != 1);
            LOGS[i] = logs;
            ORDERS[i] = k;
        }
    }

    @Override
    public String code() {
        return "ROCA_KEY";
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public String description() {
        return "RSA modulus with the ROCA fingerprint of Infineon RSALib keys (CVE-2017-15361)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        Optional<BigInteger> modulus = cert.key().rsaModulus();
        if (!cert.key().isRsa() || modulus.isEmpty() || !hasFingerprint(modulus.get())) {
            return List.of();
        }
        return List.of(new Finding(code(), severity(), "RSA key of " + modulus.get().bitLength()
                + " bits has the ROCA fingerprint (CVE-2017-15361, Infineon RSALib): its private key can be recovered"));
    }

    /** Both steps: every residue is a power of 65537, and the exponents are consistent. */
    static boolean hasFingerprint(BigInteger n) {
        int[] exponents = exponents(n);
        if (exponents == null) {
            return false;
        }
        for (int i = 0; i < exponents.length; i++) {
            for (int j = i + 1; j < exponents.length; j++) {
                int g = gcd(ORDERS[i], ORDERS[j]);
                if ((exponents[i] - exponents[j]) % g != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Step 1 alone (the per-prime screen); package-private for the tests. */
    static boolean passesScreen(BigInteger n) {
        return exponents(n) != null;
    }

    /** The discrete logarithm of N mod r for each prime, or null when one residue is outside ⟨65537⟩. */
    private static int[] exponents(BigInteger n) {
        if (n.signum() <= 0) {
            return null;
        }
        int[] out = new int[PRIMES.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = LOGS[i][n.mod(BigInteger.valueOf(PRIMES.get(i))).intValue()];
            if (out[i] < 0) {
                return null;
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
