package io.localtrust.store.sql;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.StoreException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Test data: keys, dev-ids and certificates that look like the real ones, from a number. */
final class Samples {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Samples() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** SHA-256 of a made-up SubjectPublicKeyInfo, lowercase hex. */
    static String spki(int n) {
        return HexFormat.of().formatHex(sha256("spki-" + n));
    }

    /** The dev-id of {@link #spki(int)}: base32 of the first 16 bytes, lowercase, no padding (26 chars). */
    static String devId(int n) {
        byte[] first16 = Arrays.copyOf(sha256("spki-" + n), 16);
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        BigInteger bits = new BigInteger(1, first16).shiftLeft(2); // 128 bits -> 130 = 26 x 5
        for (int i = 25; i >= 0; i--) {
            out.append(alphabet.charAt(bits.shiftRight(i * 5).intValue() & 31));
        }
        return out.toString();
    }

    static DeviceRecord register(GatewayStore store, int n, String... identities) throws StoreException {
        return store.register(devId(n), spki(n), List.of(identities), at(n));
    }

    /** A 128-bit serial with the top bit set, as the authority makes them. */
    static BigInteger serial(int n) {
        return BigInteger.ONE.shiftLeft(127).add(BigInteger.valueOf(n).multiply(new BigInteger("9e3779b97f4a7c15", 16)));
    }

    static IssuedCertificate cert(int serial, int device) {
        return cert(serial, device, spki(device), 600);
    }

    static IssuedCertificate cert(int serial, int device, String spki, int derSize) {
        byte[] der = new byte[derSize];
        Arrays.fill(der, (byte) serial);
        der[0] = 0x30;
        Instant issued = at(100 + serial);
        return new IssuedCertificate(serial(serial), devId(device), spki,
                "CN=device-" + device + ".home.arpa", issued, issued.plus(Duration.ofDays(90)), issued, der);
    }

    static String hex(BigInteger serial) {
        return serial.toString(16).toLowerCase(Locale.ROOT);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Everything a caller can read, to show that a refused write left nothing behind. */
    record Snapshot(long revision, List<DeviceRecord> devices, List<IssuedCertificate> certificates,
                    List<CertificateStatus> revoked, List<AuditEvent> audit) {
        static Snapshot of(GatewayStore store) throws StoreException {
            return new Snapshot(store.revision(), store.devices(), store.certificates(), store.revoked(),
                    store.events(1, 100_000));
        }
    }
}
