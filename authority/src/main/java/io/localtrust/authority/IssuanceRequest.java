package io.localtrust.authority;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for a device certificate, as a front end hands it over.
 *
 * @param csrDer     the PKCS#10 request (DER); its key is what gets certified, its names are ignored
 * @param identities the DNS names and IP addresses to certify: validated and approved by the front
 *                   end's protocol (ACME challenges, an operator typing them), never taken from the CSR
 * @param actor      who asks ("cli", "acme:account/7"), for the audit log; a pairing grant bound to
 *                   this requester ({@code gateway pair}, redeemed as ACME External Account Binding)
 *                   approves its devices
 * @param approve    the caller is a person with authority approving this device now (CLI --approve, admin API)
 * @param address    where the device is (an IP literal): its DNS names are bound there in the local zone,
 *                   claimed before signing in one transaction with the one-name-one-device check (ACME:
 *                   the address the names were validated at). Empty: the names are checked, not bound
 *                   ({@code gateway issue}, which knows no address)
 */
public record IssuanceRequest(byte[] csrDer, List<String> identities, String actor, boolean approve, Optional<String> address) {
    public IssuanceRequest {
        csrDer = Objects.requireNonNull(csrDer, "csrDer").clone();
        identities = List.copyOf(identities);
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(address, "address");
    }

    /** A request whose names are not bound in the local zone. */
    public IssuanceRequest(byte[] csrDer, List<String> identities, String actor, boolean approve) {
        this(csrDer, identities, actor, approve, Optional.empty());
    }

    @Override
    public byte[] csrDer() {
        return csrDer.clone();
    }
}
