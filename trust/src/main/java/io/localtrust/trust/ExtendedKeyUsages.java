package io.localtrust.trust;

import io.localtrust.x509.Oids;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The EKU check as Chrome does it (verify_certificate_chain.cc): applied to every certificate of
 * the path, so an intermediate's EKU restricts the leaf; a certificate without the extension is
 * unrestricted (except a leaf in a strict mode); anyExtendedKeyUsage stands in for the purpose
 * unless strict. id-kp-localDevice stands in for serverAuth on a local connection only.
 */
final class ExtendedKeyUsages {
    /** Netscape and Microsoft Server Gated Crypto: Chrome accepts them on the leaf's issuer. */
    private static final Set<String> SGC = Set.of("2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3");

    private ExtendedKeyUsages() {
    }

    static Optional<Failure> check(Node node, KeyPurpose purpose, boolean leaf, boolean leafIssuer,
                                   String localDeviceEku, boolean local) {
        if (purpose == KeyPurpose.ANY) {
            return Optional.empty();
        }
        List<String> ekus = node.ekus;
        if (ekus == null) {
            return leaf && purpose.strictFor(true)
                    ? Optional.of(Failure.of(Reason.EXTENDED_KEY_USAGE, node, "no extended key usage (strict mode)"))
                    : Optional.empty();
        }
        String wanted = purpose.server() ? Oids.KP_SERVER_AUTH : Oids.KP_CLIENT_AUTH;
        if (ekus.contains(wanted)) {
            return Optional.empty();
        }
        if (purpose.server() && local && ekus.contains(localDeviceEku)) {
            return Optional.empty();
        }
        if (ekus.contains(Oids.ANY_EKU) && !purpose.strictFor(leaf)) {
            return Optional.empty();
        }
        if (purpose.server() && leafIssuer && ekus.stream().anyMatch(SGC::contains)) {
            return Optional.empty();
        }
        return Optional.of(Failure.of(Reason.EXTENDED_KEY_USAGE, node, "extended key usage does not allow "
                + (purpose.server() ? "serverAuth" : "clientAuth") + " (has " + names(ekus) + ")"));
    }

    private static String names(List<String> ekus) {
        return String.join(", ", ekus.stream().map(Oids::ekuName).toList());
    }
}
