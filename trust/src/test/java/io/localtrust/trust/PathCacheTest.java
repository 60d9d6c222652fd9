package io.localtrust.trust;

import static io.localtrust.trust.Fixtures.gatewayRoot;
import static io.localtrust.trust.Fixtures.local;
import static io.localtrust.trust.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.TestCerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's cache of validated paths ({@link PathCache}) must never turn a rejection into a trust nor
 * outlive what it depends on: the time, the anchors, the exact bytes presented, the connection.
 */
class PathCacheTest {
    private final CertificateMaker.Made root = gatewayRoot();
    private final CertificateMaker.Made ica = Fixtures.intermediate("Home issuing CA", root);
    private final CertificateMaker.Made leaf = TestCerts.maker().commonName("printer").dns("printer.home.arpa")
            .serverAuth().localDevice().issuer(ica).lifetime(Duration.ofDays(30)).make();
    private final TrustEngine engine = Fixtures.engine(Anchor.of(root.cert(), AnchorKind.LOCAL_GATEWAY));
    private final Connection lan = local("printer.home.arpa", "192.168.1.20");

    private VerifyRequest request(Connection c, Cert... chain) {
        return server("printer.home.arpa", c, chain);
    }

    @Test
    void theSecondDecisionIsAnsweredFromTheCacheWithTheSameResult() {
        PathResult first = engine.verify(request(lan, leaf.cert(), ica.cert()).at(TestCerts.NOW));
        PathResult second = engine.verify(request(lan, leaf.cert(), ica.cert()).at(TestCerts.NOW.plusSeconds(60)));
        assertThat(first.valid()).as(first.summary()).isTrue();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aChainThatExpiredInTheMeantimeIsRejectedOnTheSecondDecision() {
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert()).at(TestCerts.NOW)).valid()).isTrue();
        Instant past = leaf.cert().notAfter().plusSeconds(1);
        PathResult later = engine.verify(request(lan, leaf.cert(), ica.cert()).at(past));
        assertThat(later.valid()).isFalse();
        assertThat(later.reason()).contains(Reason.EXPIRED);
        // And the boundary itself (notAfter is inclusive) is still the same valid answer.
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert()).at(leaf.cert().notAfter())).valid()).isTrue();
    }

    @Test
    void aTimeBeforeTheChainsValidityIsNotAnsweredFromTheCache() {
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert()).at(TestCerts.NOW)).valid()).isTrue();
        PathResult earlier = engine.verify(request(lan, leaf.cert(), ica.cert())
                .at(leaf.cert().notBefore().minusSeconds(1)));
        assertThat(earlier.reason()).contains(Reason.NOT_YET_VALID);
    }

    @Test
    void aDifferentAnchorSetDoesNotReuseThePath() {
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert())).valid()).isTrue();
        TrustEngine other = Fixtures.engine(Anchor.of(Fixtures.root("Someone else's root").cert(), AnchorKind.LOCAL_GATEWAY));
        PathResult r = other.verify(request(lan, leaf.cert(), ica.cert()));
        assertThat(r.valid()).isFalse();
        assertThat(r.reason()).contains(Reason.NO_PATH_TO_ANCHOR);
    }

    @Test
    void aChainDifferingByOneByteIsValidatedAfresh() throws Exception {
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert())).valid()).isTrue();
        byte[] der = leaf.cert().der().clone();
        der[der.length - 3] ^= 0x01; // inside the signature value: still parses, no longer verifies
        Cert tampered = new CertificateReader().parseDer(der);
        assertThat(tampered).isNotEqualTo(leaf.cert());
        PathResult r = engine.verify(request(lan, tampered, ica.cert()));
        assertThat(r.valid()).isFalse();
        assertThat(r.reason()).isPresent();
    }

    @Test
    void aNonLocalConnectionStillRejectsTheLocalDeviceLeafAfterALocalDecisionCachedThePath() {
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert())).valid()).isTrue();
        PathResult remote = engine.verify(request(local("printer.home.arpa", "203.0.113.7"), leaf.cert(), ica.cert()));
        assertThat(remote.valid()).isFalse();
        assertThat(remote.reason()).contains(Reason.LOCAL_DEVICE_NOT_LOCAL);
        PathResult unknown = engine.verify(request(Connection.unknown(), leaf.cert(), ica.cert()));
        assertThat(unknown.reason()).contains(Reason.LOCAL_DEVICE_NOT_LOCAL);
    }

    @Test
    void theHostIsMatchedOnEveryDecision() {
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert())).valid()).isTrue();
        PathResult other = engine.verify(server("scanner.home.arpa", local("scanner.home.arpa", "192.168.1.20"),
                leaf.cert(), ica.cert()));
        assertThat(other.reason()).contains(Reason.HOST_MISMATCH);
    }

    @Test
    void aRejectionIsNeverCachedAndATrustNeverOutlivesItsWindow() {
        Instant expired = leaf.cert().notAfter().plusSeconds(1);
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert()).at(expired)).reason()).contains(Reason.EXPIRED);
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert()).at(TestCerts.NOW)).valid()).isTrue();
        assertThat(engine.verify(request(lan, leaf.cert(), ica.cert()).at(expired)).reason()).contains(Reason.EXPIRED);
    }

    @Test
    void requestsWithCrlsAreNotCached() {
        assertThat(PathCache.Key.of(request(lan, leaf.cert(), ica.cert()).withCrls(List.of(new byte[] {1}), false)))
                .isEmpty();
        assertThat(PathCache.Key.of(request(lan, leaf.cert(), ica.cert()))).isPresent();
    }
}
