package io.localtrust.lint;

import io.localtrust.locality.PublicNames;
import io.localtrust.x509.Cert;
import java.util.List;

/**
 * {@code PUBLIC_CERT_INTERNAL_NAME}: a publicly trusted leaf names an internal host name.
 *
 * <p>Why: since 2015 no publicly trusted CA may issue for an Internal Name (BR §7.1.4.2.1, §1.6.1
 * "Internal Name": a name whose right-most label is not a TLD of the IANA root zone). We count the
 * zones reserved for local use as internal too ({@code home.arpa}, RFC 8375; {@code local}, RFC
 * 6762; {@code internal}; {@code localhost}, RFC 6761): their names are the same on every LAN, so
 * a certificate for one is valid for every network's device of that name. Such a certificate is
 * mis-issued and must be revoked; its existence is the seed's warning sign of a vendor that
 * shares keys. {@code .onion} names are public (BR Appendix C). Matches zlint
 * {@code e_dnsname_not_valid_tld} and pkilint {@code cabf.internal_domain_name} for dNSName SANs.
 */
public final class PublicCertInternalName implements Lint {

    /** Names listed in one message, at most; the rest are counted. */
    static final int MAX_LISTED = 5;

    @Override
    public String code() {
        return "PUBLIC_CERT_INTERNAL_NAME";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String description() {
        return "publicly trusted leaf with an internal dNSName (no public TLD, or under home.arpa/local/internal/localhost) (BR §7.1.4.2.1)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (!context.publiclyTrusted() || context.role() != CertRole.LEAF) {
            return List.of();
        }
        List<String> internal = cert.dnsNames().stream().filter(PublicNames::isInternal).toList();
        if (internal.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(code(), severity(), "publicly trusted certificate names internal "
                + (internal.size() == 1 ? "name " : "names ") + MessageText.list(internal, MAX_LISTED)
                + ": no public CA may issue for it (BR §7.1.4.2.1), so it was mis-issued"));
    }
}
