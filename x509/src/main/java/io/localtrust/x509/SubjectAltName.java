package io.localtrust.x509;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a subjectAltName extension (RFC 5280 §4.2.1.6).
 *
 * @param type  the GeneralName choice
 * @param value DNS names as written in the certificate (IA5String), IP addresses in their
 *              canonical text form ({@code 192.168.0.20}, {@code fd00::1}); other types as text
 */
public record SubjectAltName(Type type, String value) {

    /** The GeneralName choices we distinguish. */
    public enum Type { DNS, IP, EMAIL, URI, OTHER }

    public SubjectAltName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static SubjectAltName dns(String name) {
        return new SubjectAltName(Type.DNS, name);
    }

    public static SubjectAltName ip(String address) {
        return new SubjectAltName(Type.IP, address);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
