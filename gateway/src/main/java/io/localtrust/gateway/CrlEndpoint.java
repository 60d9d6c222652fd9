package io.localtrust.gateway;

import java.util.Optional;

/**
 * The issuing CAs' CRLs: {@code /crl/intermediate-SERIAL.crl} for each live CA — the URL its
 * certificates name in their CRL distribution point — and {@code /crl/intermediate.crl}, the
 * one URL every certificate named before CRLs were served per CA, which serves the oldest live
 * CA's CRL (the CA those certificates come from, see docs/gateway-run.md). A CA the root has
 * revoked since the start is a 404: its certificates must not find a CRL that passes them.
 */
final class CrlEndpoint {
    private final Issuers issuers;

    CrlEndpoint(Issuers issuers) {
        this.issuers = issuers;
    }

    Routes routes() {
        Routes r = new Routes().add("GET", "/crl/intermediate.crl", c -> issuers.legacyCrlIssuer().crl().reply());
        for (LiveIssuer i : issuers.live()) {
            r.add("GET", "/crl/" + i.crlFileName(), c -> servedFor(i).crl().reply());
        }
        return r;
    }

    private LiveIssuer servedFor(LiveIssuer i) throws HttpProblem {
        return Optional.of(i).filter(issuers::isLive).orElseThrow(() -> HttpProblem.notFound(
                "the issuing CA " + i.ca().serialHex() + " is revoked by the root: it has no CRL here any more"));
    }
}
