package io.localtrust.lint;

import io.localtrust.locality.Addresses;
import io.localtrust.locality.IpRanges;
import io.localtrust.x509.Cert;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PUBLIC_CERT_RESERVED_IP}: a publicly trusted leaf names a reserved IP address.
 *
 * <p>Why: BR §7.1.4.2.1 (and §1.6.1 "Reserved IP Address": the IANA special-purpose ranges) forbids
 * a publicly trusted certificate for an address in {@link IpRanges#RESERVED} — 10/8, 192.168/16,
 * fd00::/8 and the like — in an iPAddress SAN or in any subject attribute. Those addresses exist
 * on every LAN, so one such certificate and its key impersonate every network's device at that
 * address. Matches zlint {@code e_ext_san_contains_reserved_ip} and
 * {@code e_subject_contains_reserved_ip}, and pkilint {@code cabf.internal_ip_address}.
 */
public final class PublicCertReservedIp implements Lint {

    @Override
    public String code() {
        return "PUBLIC_CERT_RESERVED_IP";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String description() {
        return "publicly trusted leaf with a reserved IP address in an iPAddress SAN or the subject (BR §7.1.4.2.1)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (!context.publiclyTrusted() || context.role() != CertRole.LEAF) {
            return List.of();
        }
        List<String> reserved = new ArrayList<>();
        for (String ip : cert.ipAddresses()) {
            addIfReserved(ip, reserved);
        }
        for (String ip : cert.subjectIpLike()) {
            addIfReserved(ip, reserved);
        }
        if (reserved.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(code(), severity(), "publicly trusted certificate names reserved IP "
                + (reserved.size() == 1 ? "address " : "addresses ") + MessageText.list(reserved, PublicCertInternalName.MAX_LISTED)
                + ": no public CA may issue for it (BR §7.1.4.2.1), so it was mis-issued"));
    }

    private static void addIfReserved(String text, List<String> out) {
        Addresses.literal(text)
                .filter(a -> IpRanges.anyContains(IpRanges.RESERVED, a))
                .map(Addresses::text)
                .filter(a -> !out.contains(a))
                .ifPresent(out::add);
    }
}
