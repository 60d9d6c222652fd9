package io.localtrust.authority;

import io.localtrust.locality.Cidr;
import io.localtrust.locality.IpRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * What the CA may certify, written into its certificates as name constraints (RFC 5280
 * §4.2.1.10) so that installing the gateway's root cannot let it vouch for a bank: browsers
 * (Chrome ≥ 112, Firefox) and openssl enforce constraints on the root itself.
 *
 * @param dnsSubtrees permitted DNS subtrees ("home.arpa" permits it and every name below it)
 * @param ipRanges    permitted IP ranges
 */
public record NamePolicy(List<String> dnsSubtrees, List<Cidr> ipRanges) {

    /** home.arpa, local, internal, and the RFC 1918, link-local and ULA ranges (DESIGN.md §3). */
    public static NamePolicy defaults() {
        return new NamePolicy(List.of("home.arpa", "local", "internal"), List.of(
                Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"),
                Cidr.parse("169.254.0.0/16"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10")));
    }

    public NamePolicy {
        dnsSubtrees = dnsSubtrees.stream().map(NamePolicy::normalise).distinct().toList();
        ipRanges = List.copyOf(ipRanges);
        if (dnsSubtrees.isEmpty() && ipRanges.isEmpty()) {
            throw new IllegalArgumentException("a name policy permits at least one DNS subtree or IP range");
        }
    }

    /**
     * Parses "home.arpa,local,10.0.0.0/8,fd00::/8": entries that parse as an address or CIDR are
     * IP ranges, the rest DNS subtrees.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static NamePolicy parse(String text) {
        List<String> dns = new ArrayList<>();
        List<Cidr> ips = new ArrayList<>();
        for (String raw : text.split(",")) {
            String e = raw.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("/") || io.localtrust.locality.Addresses.literal(e).isPresent()) {
                ips.add(Cidr.parse(e));
            } else {
                try {
                    dns.add(Identity.parse(e).value());
                } catch (IssuanceRefused ex) {
                    throw new IllegalArgumentException("--permit: " + ex.getMessage());
                }
            }
        }
        if (dns.isEmpty() && ips.isEmpty()) {
            throw new IllegalArgumentException("--permit: no DNS subtree or IP range given");
        }
        return new NamePolicy(dns, ips);
    }

    /** Whether an identity falls inside the permitted subtrees. */
    public boolean permits(Identity id) {
        if (id.type() == Identity.Type.IP) {
            return IpRanges.anyContains(ipRanges, id.address());
        }
        String name = id.value();
        for (String subtree : dnsSubtrees) {
            if (name.equals(subtree) || name.endsWith("." + subtree)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The extension value. RFC 5280 constrains only the name types that have subtrees, so a
     * DNS-only policy would leave IP addresses unconstrained (and vice versa). Both types are
     * therefore always present: a missing family gets a subtree nothing matches (0.0.0.0/32,
     * ::/128, the reserved name "invalid", RFC 6761).
     */
    public NameConstraints toExtension() {
        List<GeneralSubtree> permitted = new ArrayList<>();
        for (String d : dnsSubtrees) {
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d)));
        }
        List<Cidr> ips = new ArrayList<>(ipRanges);
        if (ips.stream().noneMatch(Cidr::isIpv4)) {
            ips.add(Cidr.parse("0.0.0.0/32"));
        }
        if (ips.stream().noneMatch(Cidr::isIpv6)) {
            ips.add(Cidr.parse("::/128"));
        }
        for (Cidr c : ips) {
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipAndMask(c)))));
        }
        if (dnsSubtrees.isEmpty()) {
            // same reasoning for DNS: a subtree that no device name can fall under
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, "invalid")));
        }
        return new NameConstraints(permitted.toArray(GeneralSubtree[]::new), null);
    }

    private static byte[] ipAndMask(Cidr c) {
        byte[] addr = c.network().getAddress();
        byte[] out = new byte[addr.length * 2];
        System.arraycopy(addr, 0, out, 0, addr.length);
        for (int i = 0; i < addr.length; i++) {
            int bits = Math.max(0, Math.min(8, c.bits() - i * 8));
            out[addr.length + i] = (byte) (0xff << (8 - bits));
        }
        return out;
    }

    private static String normalise(String d) {
        String n = Objects.requireNonNull(d, "dns subtree").trim().toLowerCase(Locale.ROOT);
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        return n;
    }

    /** "home.arpa, local, 10.0.0.0/8": for messages and the ceremony's printout. */
    public String describe() {
        List<String> all = new ArrayList<>(dnsSubtrees);
        ipRanges.forEach(c -> all.add(c.toString()));
        return String.join(", ", all);
    }
}
