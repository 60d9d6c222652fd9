package io.localtrust.names;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/**
 * The public zone the names service is authoritative for ({@code devices.example.net}), and what
 * its SOA and NS records say.
 *
 * @param apex        the zone, absolute, lowercase
 * @param nameServers the NS set (the names the parent zone delegates to), absolute
 * @param hostmaster  the SOA mailbox as a name ({@code hostmaster.example.net.} for hostmaster@example.net)
 * @param ttl         seconds, for every answer and the SOA minimum (negative caching, RFC 2308)
 */
public record NamesZone(Name apex, List<Name> nameServers, Name hostmaster, long ttl) {
    public static final long DEFAULT_TTL = 60;

    public NamesZone {
        Objects.requireNonNull(apex, "apex");
        Objects.requireNonNull(hostmaster, "hostmaster");
        nameServers = List.copyOf(nameServers);
        if (!apex.isAbsolute() || !hostmaster.isAbsolute() || nameServers.stream().anyMatch(n -> !n.isAbsolute())) {
            throw new IllegalArgumentException("zone, name server and hostmaster names are absolute");
        }
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("a zone needs at least one name server");
        }
        if (ttl < 0) {
            throw new IllegalArgumentException("a TTL is not negative");
        }
    }

    /**
     * The zone {@code zone} with name servers {@code nsNames} (default {@code ns.<zone>}) and the SOA
     * mailbox {@code soaEmail} (default {@code hostmaster@<zone>}).
     *
     * @throws IllegalArgumentException naming what is not a DNS name or a mailbox
     */
    public static NamesZone of(String zone, List<String> nsNames, Optional<String> soaEmail) {
        Name apex = name(zone, "zone");
        if (apex.labels() < 3) {
            throw new IllegalArgumentException("the zone '" + zone + "' is a top-level name: give a zone of your own, e.g. devices.example.net");
        }
        List<Name> ns = nsNames.isEmpty() ? List.of(child("ns", apex)) : nsNames.stream().map(n -> name(n, "name server")).toList();
        Name hostmaster = soaEmail.map(NamesZone::mailbox).orElse(child("hostmaster", apex));
        return new NamesZone(apex, ns, hostmaster, DEFAULT_TTL);
    }

    /** The zone without the trailing dot, lowercase ("devices.example.net"). */
    public String text() {
        return apex.toString(true);
    }

    /** {@code label.<zone>} without the trailing dot: acme-dns's "fulldomain". */
    public String fullName(String label) {
        return label + "." + text();
    }

    static Name name(String text, String what) {
        String n = text.trim().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals(".")) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        try {
            return Name.fromString(n.endsWith(".") ? n : n + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    /** RFC 1035 §8: the local part becomes the first label, its dots escaped. */
    static Name mailbox(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            throw new IllegalArgumentException("the SOA email '" + email + "' is not user@domain");
        }
        String local = email.substring(0, at).replace("\\", "\\\\").replace(".", "\\.");
        return name(local + "." + email.substring(at + 1), "SOA email");
    }

    private static Name child(String label, Name apex) {
        try {
            return Name.concatenate(Name.fromConstantString(label), apex);
        } catch (NameTooLongException e) {
            throw new IllegalArgumentException("the zone's name is too long for " + label + ".<zone>", e);
        }
    }
}
