package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to verify: the leaf, the certificates presented with it (in any order, junk allowed),
 * the name asked for, the connection, and the validation inputs.
 *
 * @param leaf            the end-entity certificate
 * @param presented       other presented certificates, any order
 * @param peerName        the host name or IP literal to match (RFC 6125); empty: no name check
 * @param time            the verification time; empty: the engine's clock
 * @param connection      whether the connection is local (id-kp-localDevice is refused otherwise)
 * @param purpose         the EKU the leaf is verified for
 * @param leafKeyUsage    key usage bits the leaf must assert when it has a keyUsage extension
 * @param policies        RFC 5280 policy inputs
 * @param crls            DER CRLs to check revocation against
 * @param requireRevocation whether every non-anchor certificate must be covered by a CRL
 *                        (PKITS-style); when false, CRLs given are used when they apply
 */
public record VerifyRequest(Cert leaf, List<Cert> presented, Optional<PeerName> peerName, Optional<Instant> time,
                            Connection connection, KeyPurpose purpose, Set<String> leafKeyUsage,
                            PolicySettings policies, List<byte[]> crls, boolean requireRevocation) {

    public VerifyRequest {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(policies, "policies");
        presented = List.copyOf(presented);
        leafKeyUsage = Set.copyOf(leafKeyUsage);
        crls = List.copyOf(crls);
    }

    /** A TLS server check: serverAuth, name matched, web policy defaults, no CRLs. */
    public static VerifyRequest server(List<Cert> chain, PeerName name, Connection connection) {
        return new VerifyRequest(chain.getFirst(), chain.subList(1, chain.size()), Optional.of(name),
                Optional.empty(), connection, KeyPurpose.SERVER_AUTH, Set.of(), PolicySettings.defaults(),
                List.of(), false);
    }

    /** This request at a given verification time. */
    public VerifyRequest at(Instant when) {
        return new VerifyRequest(leaf, presented, peerName, Optional.of(when), connection, purpose, leafKeyUsage,
                policies, crls, requireRevocation);
    }

    /** This request checked against CRLs (DER); {@code required}: every certificate must be covered. */
    public VerifyRequest withCrls(List<byte[]> ders, boolean required) {
        return new VerifyRequest(leaf, presented, peerName, time, connection, purpose, leafKeyUsage, policies, ders,
                required);
    }

    public VerifyRequest withPurpose(KeyPurpose p) {
        return new VerifyRequest(leaf, presented, peerName, time, connection, p, leafKeyUsage, policies, crls,
                requireRevocation);
    }

    public VerifyRequest withPolicies(PolicySettings p) {
        return new VerifyRequest(leaf, presented, peerName, time, connection, purpose, leafKeyUsage, p, crls,
                requireRevocation);
    }
}
