package io.localtrust.trust;

import static io.localtrust.trust.Fixtures.local;
import static io.localtrust.trust.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.TestCerts;
import org.junit.jupiter.api.Test;

/**
 * One engine keeps decoded certificates, signature results and the issuer's key object between
 * decisions (the speed of LadderBenchmark): none of them may let a forged signature through. A
 * leaf of the same issuing CA with one bit of its signature flipped fails after its siblings
 * verified with that CA's kept key — and before its genuine twin, which still verifies after it.
 */
class IssuerKeyReuseTest {
    private final CertificateMaker.Made root = Fixtures.gatewayRoot();
    private final CertificateMaker.Made issuing = Fixtures.intermediate("Home issuing CA", root);
    private final TrustEngine engine = Fixtures.engine(Anchor.of(root.cert(), AnchorKind.LOCAL_GATEWAY));

    @Test
    void aFlippedSignatureBitFailsAfterSiblingsVerifiedWithTheKeptIssuerKey() {
        for (int i = 0; i < 3; i++) {
            assertThat(decide(leaf("d" + i)).valid()).isTrue();
        }
        CertificateMaker.Made genuine = leaf("d9");
        byte[] sig = org.bouncycastle.asn1.x509.Certificate.getInstance(genuine.cert().der()).getSignature().getBytes();
        sig[sig.length - 5] ^= 0x01;
        Cert forged = genuine.cert().withSignature(sig);
        PathResult r = decide(forged);
        assertThat(r.valid()).isFalse();
        assertThat(r.summary()).contains("signature");
        assertThat(decide(genuine.cert()).valid()).isTrue();
        assertThat(decide(forged).valid()).as("the failure is remembered for the forged certificate only").isFalse();
    }

    private CertificateMaker.Made leaf(String name) {
        return TestCerts.maker().commonName(name).dns(name + ".home.arpa").serverAuth().localDevice().issuer(issuing).make();
    }

    private PathResult decide(CertificateMaker.Made leaf) {
        return decide(leaf.cert());
    }

    private PathResult decide(Cert leaf) {
        String host = leaf.dnsNames().getFirst();
        return engine.verify(server(host, local(host, "192.168.1.20"), leaf, issuing.cert()));
    }
}
