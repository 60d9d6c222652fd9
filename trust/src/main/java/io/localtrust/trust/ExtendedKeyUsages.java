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
    /** Purposes a strict mode refuses beside the wanted one (Chrome: not permitted for this use). */
    private static final Set<String> PROHIBITED_IN_STRICT = Set.of(Oids.KP_TIME_STAMPING, Oids.KP_CODE_SIGNING,
            Oids.KP_OCSP_SIGNING);

    private ExtendedKeyUsages() {
    }

    static Optional<Failure> check(Node node, KeyPurpose purpose, boolean leaf, String localDeviceEku, boolean local) {
        if (purpose == KeyPurpose.ANY) {
            return Optional.empty();
        }
        List<String> ekus = node.ekus;
        if (ekus == null) {
            // Chrome: strict client auth wants the purpose named on every CA certificate too.
            return (leaf && purpose.strictFor(true)) || (!leaf && purpose == KeyPurpose.CLIENT_AUTH_STRICT)
                    ? Optional.of(Failure.of(Reason.EXTENDED_KEY_USAGE, node, "no extended key usage (strict mode)"))
                    : Optional.empty();
        }
        if (purpose.strictFor(leaf)) {
            for (String e : ekus) {
                if (PROHIBITED_IN_STRICT.contains(e)) {
                    return Optional.of(Failure.of(Reason.EXTENDED_KEY_USAGE, node, "extended key usage includes "
                            + Oids.ekuName(e) + ", not permitted beside " + (purpose.server() ? "serverAuth" : "clientAuth")));
                }
            }
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
        return Optional.of(Failure.of(Reason.EXTENDED_KEY_USAGE, node, "extended key usage does not allow "
                + (purpose.server() ? "serverAuth" : "clientAuth") + " (has " + names(ekus) + ")"));
    }

    private static String names(List<String> ekus) {
        return String.join(", ", ekus.stream().map(Oids::ekuName).toList());
    }
}
