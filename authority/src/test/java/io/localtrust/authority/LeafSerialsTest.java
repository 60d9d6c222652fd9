package io.localtrust.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.junit.jupiter.api.Test;

class LeafSerialsTest {
    /** A "random" source that hands out the given bytes, to see where they land. */
    private static final class FixedBytes extends SecureRandom {
        private final byte fill;

        FixedBytes(int fill) {
            this.fill = (byte) fill;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            java.util.Arrays.fill(bytes, fill);
        }
    }

    @Test
    void isTheIssuanceMillisecondFollowedBy112RandomBits() {
        Instant at = Instant.parse("2026-11-27T21:00:00.123Z");
        BigInteger serial = LeafSerials.next(at, new FixedBytes(0xA5));

        assertThat(serial.shiftRight(112).longValueExact()).isEqualTo(at.toEpochMilli());
        BigInteger suffix = serial.subtract(serial.shiftRight(112).shiftLeft(112));
        assertThat(suffix.toString(16)).isEqualTo("a5".repeat(14));
    }

    @Test
    void isPositiveAndAtMost20OctetsInDer() throws Exception {
        SecureRandom random = new SecureRandom();
        for (Instant at : List.of(Instant.EPOCH, Instant.parse("2026-11-27T21:00:00Z"), Instant.parse("2527-01-01T00:00:00Z"),
                Instant.ofEpochMilli((1L << 47) - 1), Instant.parse("-1000-01-01T00:00:00Z"))) {
            BigInteger serial = LeafSerials.next(at, new FixedBytes(0xFF));
            assertThat(serial.signum()).isPositive();
            byte[] der = new ASN1Integer(serial).getEncoded();
            assertThat(der.length - 2).as("content octets at %s", at).isLessThanOrEqualTo(20);
            assertThat(LeafSerials.next(at, random).signum()).isPositive();
        }
        assertThat(LeafSerials.next(Instant.EPOCH, new FixedBytes(0))).isEqualTo(BigInteger.ONE);
    }

    @Test
    void growWithTimeAndDifferWithinOneMillisecond() {
        SecureRandom random = new SecureRandom();
        Instant at = Instant.parse("2026-11-27T21:00:00Z");
        List<BigInteger> serials = new ArrayList<>();
        for (int ms = 0; ms < 50; ms++) {
            for (int i = 0; i < 20; i++) {
                serials.add(LeafSerials.next(at.plusMillis(ms), random));
            }
        }
        Set<BigInteger> distinct = new HashSet<>(serials);
        assertThat(distinct).hasSize(serials.size());
        for (int ms = 1; ms < 50; ms++) {
            BigInteger latestBefore = serials.subList(0, 20 * ms).stream().max(BigInteger::compareTo).orElseThrow();
            BigInteger earliestNow = serials.subList(20 * ms, 20 * ms + 20).stream().min(BigInteger::compareTo).orElseThrow();
            assertThat(earliestNow).as("millisecond %d's serials follow all earlier ones", ms).isGreaterThan(latestBefore);
        }
        // the store's spelling (lowercase hex, no leading zeros) has one length for years, so its text order is time order
        assertThat(serials.stream().map(s -> s.toString(16).length()).distinct()).hasSize(1);
    }

    @Test
    void randomSuffixHasAtLeast64Bits() {
        assertThat(LeafSerials.RANDOM_BITS).isGreaterThanOrEqualTo(64);
        // over many draws every suffix bit is seen both set and clear: the suffix is the random source's output
        SecureRandom random = new SecureRandom();
        BigInteger mask = BigInteger.ONE.shiftLeft(112).subtract(BigInteger.ONE);
        BigInteger or = BigInteger.ZERO;
        BigInteger and = mask;
        for (int i = 0; i < 200; i++) {
            BigInteger suffix = LeafSerials.next(Instant.EPOCH.plusSeconds(1), random).and(mask);
            or = or.or(suffix);
            and = and.and(suffix);
        }
        assertThat(or).isEqualTo(mask);
        assertThat(and).isEqualTo(BigInteger.ZERO);
    }
}
