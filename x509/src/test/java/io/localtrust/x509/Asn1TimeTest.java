package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.Random;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

class Asn1TimeTest {
    private static final Instant[] EDGES = {
        Instant.parse("1949-12-31T23:59:59Z"), Instant.parse("1950-01-01T00:00:00Z"),
        Instant.parse("1999-12-31T23:59:59.999Z"), Instant.parse("2000-01-01T00:00:00Z"),
        Instant.parse("2026-06-01T12:00:00.123456Z"), Instant.parse("2049-12-31T23:59:59Z"),
        Instant.parse("2050-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("1600-01-01T00:00:00Z")};
    // (before 1583 Bouncy Castle's SimpleDateFormat counts in the Julian calendar; RFC 5280 and we in the Gregorian)

    @Test
    void writesTheBytesBouncyCastleWritesAndReadsBackTheSecond() throws Exception {
        Random r = new Random(42);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000 + EDGES.length; i++) {
            Instant at = i < EDGES.length ? EDGES[i]
                    : Instant.ofEpochSecond(from + (long) (r.nextDouble() * (to - from)), r.nextInt(1_000_000_000));
            Time ours = Asn1Time.of(at);
            Time bc = new Time(Date.from(at));
            assertThat(ours.getEncoded()).as(at.toString()).isEqualTo(bc.getEncoded());
            Instant second = Instant.ofEpochSecond(at.getEpochSecond());
            assertThat(Asn1Time.instant(ours)).as(at.toString()).isEqualTo(second);
            assertThat(Asn1Time.instant(bc)).isEqualTo(bc.getDate().toInstant());
        }
    }

    @Test
    void otherFormsAreLeftToBouncyCastle() throws Exception {
        Time fraction = new Time(new ASN1GeneralizedTime("20260601120000.5Z"));
        assertThat(Asn1Time.instant(fraction)).isEqualTo(fraction.getDate().toInstant())
                .isEqualTo(Instant.parse("2026-06-01T12:00:00.5Z"));
        Time offset = new Time(new ASN1GeneralizedTime("20260601140000+0200"));
        assertThat(Asn1Time.instant(offset)).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThatThrownBy(() -> Asn1Time.of(Instant.parse("+10000-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
    }
}
