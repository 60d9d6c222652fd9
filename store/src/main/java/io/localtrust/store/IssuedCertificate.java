package io.localtrust.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One issued certificate; never updated or deleted once stored (its status lives in
 * {@link CertificateStatus}).
 *
 * @param serial     the certificate serial number (unique)
 * @param devId      the device it was issued to
 * @param spkiSha256 the certified key
 * @param subject    subject DN, RFC 4514
 * @param notBefore  validity start
 * @param notAfter   validity end
 * @param issuedAt   when it was issued
 * @param der        the certificate
 */
public record IssuedCertificate(BigInteger serial, String devId, String spkiSha256, String subject,
                                Instant notBefore, Instant notAfter, Instant issuedAt, byte[] der) {
    public IssuedCertificate {
        Objects.requireNonNull(serial, "serial");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("a certificate serial is a positive integer (RFC 5280 §4.1.2.2)");
        }
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(issuedAt, "issuedAt");
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Serial in lowercase hex, as stored and as {@code openssl x509 -serial} prints it (in upper case). */
    public String serialHex() {
        return serial.toString(16);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuedCertificate c && c.serial.equals(serial) && java.util.Arrays.equals(c.der, der);
    }

    @Override
    public int hashCode() {
        return serial.hashCode();
    }

    @Override
    public String toString() {
        return "IssuedCertificate[serial=" + serialHex() + ", devId=" + devId + ", subject=" + subject + "]";
    }
}
