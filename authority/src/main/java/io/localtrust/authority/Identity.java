package io.localtrust.authority;

import io.localtrust.locality.Addresses;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One name a certificate may carry: a DNS name (no wildcards: a device has its own name) or an
 * IP address (RFC 8738 for ACME). Normalised: DNS lowercase without a trailing dot, IPs in
 * canonical text.
 */
public record Identity(Type type, String value) {

    /** dNSName or iPAddress. */
    public enum Type { DNS, IP }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public Identity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an identity as a user or a CSR gives it.
     *
     * @throws IssuanceRefused {@code BAD_IDENTITY} with the reason
     */
    public static Identity parse(String text) throws IssuanceRefused {
        String t = text == null ? "" : text.trim();
        Optional<InetAddress> ip = Addresses.literal(t);
        if (ip.isPresent()) {
            return new Identity(Type.IP, Addresses.text(ip.get()));
        }
        String n = t.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty()) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "empty name");
        }
        if (n.startsWith("*")) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "'" + text + "': wildcard names are not issued to devices");
        }
        if (n.length() > 253) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "'" + text.substring(0, 40) + "…': longer than 253 characters");
        }
        for (String label : n.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IssuanceRefused(Refusal.BAD_IDENTITY, "'" + text + "' is neither an IP address nor a DNS name"
                        + " (labels are letters, digits and inner hyphens, 1-63 characters)");
            }
        }
        return new Identity(Type.DNS, n);
    }

    public InetAddress address() {
        if (type != Type.IP) {
            throw new IllegalStateException(value + " is not an IP identity");
        }
        return Addresses.literal(value).orElseThrow();
    }

    @Override
    public String toString() {
        return value;
    }
}
