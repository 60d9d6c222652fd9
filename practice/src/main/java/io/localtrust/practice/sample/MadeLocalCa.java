package io.localtrust.practice.sample;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.OcspResponses;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A stand-in local CA made in memory, for tests and benchmarks that need no gateway directory. */
final class MadeLocalCa implements LocalCa {
    private final Instant now;
    private final SecureRandom random;
    private final Made root;
    private final Made issuer;
    private final Map<Cert, Instant> revoked = new HashMap<>();

    MadeLocalCa(Instant now, SecureRandom random) {
        this.now = now;
        this.random = random;
        this.root = CertificateMaker.at(now, random).commonName("Home gateway root").organization("localtrust gateway")
                .ca(1).lifetime(Duration.ofDays(3650)).make();
        this.issuer = CertificateMaker.at(now, random).commonName("Home gateway issuing CA").organization("localtrust gateway")
                .issuer(root).ca(0).lifetime(Duration.ofDays(730)).make();
    }

    @Override
    public Cert root() {
        return root.cert();
    }

    @Override
    public String describe() {
        return "sample gateway root";
    }

    @Override
    public CertChain issue(KeyPair deviceKey, List<String> identities) {
        CertificateMaker m = CertificateMaker.at(now, random).commonName(identities.get(0)).issuer(issuer).keyPair(deviceKey)
                .serverAuth().localDevice().ocspUrl("http://gateway.home.arpa/ocsp").lifetime(Duration.ofDays(90));
        for (String id : identities) {
            if (Character.isDigit(id.charAt(0)) || id.contains(":")) {
                m.ip(id);
            } else {
                m.dns(id);
            }
        }
        return new CertChain(List.of(m.make().cert(), issuer.cert()));
    }

    @Override
    public void revoke(Cert leaf) {
        revoked.put(leaf, now.minus(Duration.ofDays(2)));
    }

    @Override
    public byte[] ocsp(Cert leaf) {
        return OcspResponses.make(leaf, issuer, Optional.ofNullable(revoked.get(leaf)), now.minusSeconds(600),
                Duration.ofDays(4), random);
    }
}
