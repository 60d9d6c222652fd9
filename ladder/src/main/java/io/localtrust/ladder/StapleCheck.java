package io.localtrust.ladder;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stapled OCSP response (RFC 6960, RFC 6066 §8) checked against the leaf and its issuer with
 * module x509's reader: the response must be signed by the issuer or a delegated responder that
 * passes RFC 6960 §4.2.2.2 at the decision time, name the leaf, and be fresh. Only a correctly
 * signed "revoked" rejects.
 */
final class StapleCheck {
    enum State { NONE, GOOD, REVOKED, UNUSABLE }

    record Result(State state, List<DecisionReason> reasons) {
        Result {
            reasons = List.copyOf(reasons);
        }
    }

    private StapleCheck() {
    }

    /** @param path the trust engine's path (leaf first) or, when none was found, the presented chain */
    static Result check(Optional<byte[]> staple, Cert leaf, List<Cert> path, List<Cert> presented, Instant at) {
        if (staple.isEmpty()) {
            return new Result(State.NONE, leaf.ocspUrls().isEmpty() ? List.of()
                    : List.of(new DecisionReason("OCSP_NOT_STAPLED", "the certificate names OCSP responder "
                    + leaf.ocspUrls().getFirst() + " but no response was stapled")));
        }
        Optional<Cert> issuer = path.size() >= 2 ? Optional.of(path.get(1))
                : presented.stream().filter(c -> !c.equals(leaf) && c.issued(leaf)).findFirst()
                        .or(() -> leaf.selfIssued() ? Optional.of(leaf) : Optional.empty());
        if (issuer.isEmpty()) {
            return unusable("the stapled OCSP response cannot be checked: the issuer certificate is not known");
        }
        OcspStatus status;
        try {
            status = OcspResponses.read(staple.get(), leaf, issuer.get(), at);
        } catch (CertificateParseException e) {
            return unusable("the stapled OCSP response is unusable: " + e.getMessage());
        }
        if (!status.signatureValid()) {
            return unusable("the stapled OCSP response is not signed by '" + issuer.get().label()
                    + "' or a responder it delegated to: " + status.signer().problem().orElse("no acceptable signer"));
        }
        Optional<DecisionReason> note = OcspFetch.responderNote(status.signer());
        if (status.status() == OcspStatus.Status.REVOKED) {
            return new Result(State.REVOKED, with(note, new DecisionReason("OCSP_REVOKED", "revoked by '"
                    + issuer.get().label() + "'" + status.revokedAt().map(t -> " on " + t).orElse("")
                    + status.revocationReason().map(r -> " (" + r + ")").orElse(""))));
        }
        if (!status.isFreshAt(at)) {
            return unusable("the stapled OCSP response is stale (this update " + status.thisUpdate() + ", next update "
                    + status.nextUpdate().map(Instant::toString).orElse("none") + ")");
        }
        if (status.status() != OcspStatus.Status.GOOD) {
            return unusable("the stapled OCSP response says the responder does not know the certificate");
        }
        return new Result(State.GOOD, with(note, new DecisionReason("OCSP_GOOD", "stapled OCSP response from '"
                + issuer.get().label() + "' says good, until "
                + status.nextUpdate().map(Instant::toString).orElse("(no next update)"))));
    }

    private static List<DecisionReason> with(Optional<DecisionReason> note, DecisionReason reason) {
        return note.map(n -> List.of(reason, n)).orElse(List.of(reason));
    }

    private static Result unusable(String message) {
        return new Result(State.UNUSABLE, List.of(new DecisionReason("OCSP_UNUSABLE", message)));
    }
}
