package io.localtrust.lint;

import java.util.ArrayList;
import java.util.List;

/** The primes below a small bound, by trial division: what the RSA key lints test residues against. */
final class SmallPrimes {
    private SmallPrimes() {
    }

    /** Primes p with {@code from <= p < bound}, ascending. */
    static List<Integer> between(int from, int bound) {
        List<Integer> out = new ArrayList<>();
        for (int n = Math.max(2, from); n < bound; n++) {
            if (isPrime(n)) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    private static boolean isPrime(int n) {
        for (int d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return n >= 2;
    }
}
