package io.localtrust.practice;

import io.localtrust.lint.Finding;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Revocation as far as the observation shows it: a stapled (or supplied) OCSP response is
 * checked against the leaf and its issuer (RFC 6960 §3.2); a live handshake without a staple,
 * for a certificate that names an OCSP responder, is reported. No network fetches here: the
 * trust engine does online checking under its own policy.
 */
final class Revocation {
    private Revocation() {
    }

    static List<Finding> check(TlsObservation tls, Optional<Cert> anchor, Instant at) {
        List<Finding> out = new ArrayList<>();
        Cert leaf = tls.chain().leaf();
        Optional<byte[]> staple = tls.stapledOcsp();
        if (staple.isEmpty()) {
            if (tls.handshake() && !leaf.ocspUrls().isEmpty()) {
                out.add(Findings.NO_OCSP_STAPLING.with("the certificate names OCSP responder " + leaf.ocspUrls().get(0)
                        + " but the server staples no response"));
            }
            return out;
        }
        Optional<Cert> issuer = tls.chain().certs().stream().filter(c -> c != leaf && c.issued(leaf)).findFirst()
                .or(() -> anchor.filter(a -> a.issued(leaf)))
                .or(() -> leaf.selfIssued() ? Optional.of(leaf) : Optional.empty());
        if (issuer.isEmpty()) {
            out.add(Findings.OCSP_RESPONSE_INVALID.with("the OCSP response cannot be checked: the issuer certificate was not presented"));
            return out;
        }
        OcspStatus status;
        try {
            status = OcspResponses.read(staple.get(), leaf, issuer.get(), at);
        } catch (CertificateParseException e) {
            out.add(Findings.OCSP_RESPONSE_INVALID.with("the OCSP response is unusable: " + e.getMessage()));
            return out;
        }
        if (!status.signatureValid()) {
            out.add(Findings.OCSP_RESPONSE_INVALID.with("the OCSP response is not signed by the issuer '"
                    + issuer.get().label() + "' or a responder it delegated to: "
                    + status.signer().problem().orElse("no acceptable signer")));
            return out;
        }
        if (status.status() == OcspStatus.Status.REVOKED) {
            out.add(Findings.REVOKED.with("revoked by the issuer" + status.revokedAt().map(t -> " on " + t).orElse("")
                    + status.revocationReason().map(r -> " (" + r + ")").orElse("")));
        } else if (!status.isFreshAt(at)) {
            out.add(Findings.OCSP_RESPONSE_INVALID.with("the OCSP response is stale (next update "
                    + status.nextUpdate().map(Instant::toString).orElse("?") + ")"));
        }
        return out;
    }
}
