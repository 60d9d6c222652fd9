package io.localtrust.authority;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Device certificate serial numbers: a 48-bit time prefix — milliseconds since the epoch of the
 * issuance, big-endian — followed by {@value #RANDOM_BITS} bits of CSPRNG output, 20 octets in all.
 *
 * <p>Why the prefix: the store keys certificates by serial, and a purely random serial put every
 * insert at a random page of that index, which the durable commit then writes out (a WAL frame per
 * page on SQLite). Serials that grow with time are appended at the index's right edge, a few pages
 * per group commit (BENCHMARKS.md, "issuefast"). The prefix is no secret and needs none: the
 * unpredictability a serial must carry (CA/Browser Forum Baseline Requirements §7.1: at least 64
 * bits of CSPRNG output; RFC 5280 §4.1.2.2) is the {@value #RANDOM_BITS}-bit suffix alone, which
 * also keeps serials unique — two serials of the same millisecond collide with probability
 * 2<sup>-112</sup>, and the store refuses a serial it already holds all the same.
 *
 * <p>The value is positive (the prefix's top bit is zero until the year 6429) and at most 20 octets,
 * as RFC 5280 requires. In the store's spelling (lowercase hex, no leading zeros) every serial made
 * between 2004 and 2527 has the same length, so its text order is its time order. A clock before the
 * epoch counts as the epoch.
 */
public final class LeafSerials {
    static final int TIME_BITS = 48;
    static final int RANDOM_BITS = 112;
    private static final long TIME_MASK = (1L << (TIME_BITS - 1)) - 1; // 47 bits: the top bit stays zero

    private LeafSerials() {
    }

    public static BigInteger next(Instant now, SecureRandom random) {
        long millis = Math.max(0, now.toEpochMilli()) & TIME_MASK;
        byte[] b = new byte[(TIME_BITS + RANDOM_BITS) / 8];
        for (int i = 0; i < TIME_BITS / 8; i++) {
            b[i] = (byte) (millis >>> (TIME_BITS - 8 - 8 * i));
        }
        byte[] r = new byte[RANDOM_BITS / 8];
        random.nextBytes(r);
        System.arraycopy(r, 0, b, TIME_BITS / 8, r.length);
        BigInteger serial = new BigInteger(1, b);
        return serial.signum() == 0 ? BigInteger.ONE : serial; // only at the epoch with 112 zero bits
    }
}
