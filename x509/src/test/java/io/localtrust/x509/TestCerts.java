package io.localtrust.x509;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared fixtures for certificate tests: a fixed clock, a seeded random source and PEM helpers.
 * Published in the x509 test-jar so other modules' tests build certificates the same way.
 */
public final class TestCerts {
    /** The instant every test certificate is made at; validity starts an hour earlier. */
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private TestCerts() {
    }

    /** A deterministic random source (SHA1PRNG seeded before first use). */
    public static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A maker at {@link #NOW}; each call draws keys and serials from a differently seeded source. */
    public static CertificateMaker maker() {
        return CertificateMaker.at(NOW, random(SEEDS.incrementAndGet()));
    }

    private static final AtomicLong SEEDS = new AtomicLong(1000);

    /** One PEM block with 64-character base64 lines, as openssl writes it. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The certificates as consecutive CERTIFICATE blocks. */
    public static String pem(Cert... certs) {
        StringBuilder sb = new StringBuilder();
        for (Cert c : certs) {
            sb.append(pem("CERTIFICATE", c.der()));
        }
        return sb.toString();
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
