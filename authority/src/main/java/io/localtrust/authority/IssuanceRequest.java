package io.localtrust.authority;

import java.util.List;
import java.util.Objects;

/**
 * A request for a device certificate, as a front end hands it over.
 *
 * @param csrDer     the PKCS#10 request (DER); its key is what gets certified, its names are ignored
 * @param identities the DNS names and IP addresses to certify: validated and approved by the front
 *                   end's protocol (ACME challenges, an operator typing them), never taken from the CSR
 * @param actor      who asks ("cli", "acme:account/7"), for the audit log
 * @param approve    the caller is a person with authority approving this device now (CLI --approve, admin API)
 */
public record IssuanceRequest(byte[] csrDer, List<String> identities, String actor, boolean approve) {
    public IssuanceRequest {
        csrDer = Objects.requireNonNull(csrDer, "csrDer").clone();
        identities = List.copyOf(identities);
        Objects.requireNonNull(actor, "actor");
    }

    @Override
    public byte[] csrDer() {
        return csrDer.clone();
    }
}
