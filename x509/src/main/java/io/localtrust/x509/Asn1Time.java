package io.localtrust.x509;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * Certificate validity times (RFC 5280 §4.1.2.5) to and from {@link Instant}: UTCTime
 * {@code YYMMDDHHMMSSZ} for 1950 through 2049, GeneralizedTime {@code YYYYMMDDHHMMSSZ} otherwise,
 * whole seconds in UTC. The same bytes Bouncy Castle's {@code new Time(Date)} writes and the same
 * instants its {@code Time.getDate()} reads, without the {@code SimpleDateFormat} both make on every
 * call (the largest single cost of building and of parsing a device certificate, once the
 * signatures are native). A time in any other form (BER fractions, offsets) is read by Bouncy Castle.
 */
public final class Asn1Time {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int UTC_TIME_TAG = 0x17;
    private static final int GENERALIZED_TIME_TAG = 0x18;

    private Asn1Time() {
    }

    /** {@code at}, to the second, in the form RFC 5280 prescribes for its year. */
    public static Time of(Instant at) {
        Instant s = at.truncatedTo(ChronoUnit.SECONDS);
        int year = s.atOffset(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("a certificate time is between the years 0 and 9999: " + at);
        }
        boolean utc = year >= 1950 && year <= 2049;
        byte[] text = (utc ? UTC_TIME : GENERALIZED_TIME).format(s).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tlv = new byte[text.length + 2];
        tlv[0] = (byte) (utc ? UTC_TIME_TAG : GENERALIZED_TIME_TAG);
        tlv[1] = (byte) text.length;
        System.arraycopy(text, 0, tlv, 2, text.length);
        return new Time(utc ? ASN1UTCTime.getInstance(tlv) : ASN1GeneralizedTime.getInstance(tlv));
    }

    /**
     * The instant a certificate time names.
     *
     * @throws IllegalStateException as Bouncy Castle's {@code Time.getDate()}, for a time it cannot read
     */
    public static Instant instant(Time time) {
        try {
            byte[] tlv = time.toASN1Primitive().getEncoded(ASN1Encoding.DER);
            Instant fast = switch (tlv[0]) {
                case UTC_TIME_TAG -> read(tlv, 2, 13, false);
                case GENERALIZED_TIME_TAG -> read(tlv, 2, 15, true);
                default -> null;
            };
            if (fast != null) {
                return fast;
            }
        } catch (IOException | RuntimeException e) {
            // not the plain form: Bouncy Castle reads it, or says why not
        }
        return time.getDate().toInstant();
    }

    /** {@code [YY|YYYY]MMDDHHMMSSZ} at {@code from}, exactly {@code length} bytes to the end; null if not that. */
    private static Instant read(byte[] tlv, int from, int length, boolean fourDigitYear) {
        if (tlv.length != from + length || tlv[1] != length || tlv[tlv.length - 1] != 'Z') {
            return null;
        }
        int pos = from;
        int year;
        if (fourDigitYear) {
            year = digits(tlv, pos, 4);
            pos += 4;
        } else {
            int yy = digits(tlv, pos, 2);
            pos += 2;
            year = yy < 0 ? -1 : yy < 50 ? 2000 + yy : 1900 + yy; // RFC 5280 §4.1.2.5.1
        }
        int month = digits(tlv, pos, 2);
        int day = digits(tlv, pos + 2, 2);
        int hour = digits(tlv, pos + 4, 2);
        int minute = digits(tlv, pos + 6, 2);
        int second = digits(tlv, pos + 8, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // out of range: left to Bouncy Castle, which says so its own way
        }
    }

    private static int digits(byte[] b, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
