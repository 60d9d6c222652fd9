package io.localtrust.ladder;

import static io.localtrust.ladder.Pki.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.MovableClock;
import io.localtrust.x509.TestCerts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ladder's second decision on the same chain is answered from the engine's path cache and the linter's
 * memory; these must never turn a rejection into a trust nor outlive what they depend on.
 */
class DecisionCacheTest {
    private final Pki pki = new Pki();
    private final MovableClock clock = MovableClock.fixedAt(TestCerts.NOW);
    private final Ladder ladder = new Ladder(pki.config(), clock);
    private final Made leaf = pki.gatewayLeaf("printer.home.arpa");

    private Decision decide(String address, Cert... chain) {
        return ladder.decide(peer("printer.home.arpa", address, chain));
    }

    @Test
    void theSecondDecisionIsTheFirstOne() {
        Decision first = decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert());
        Decision second = decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert());
        assertThat(first.verdict()).as(first.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(second.verdict()).isEqualTo(first.verdict());
        assertThat(second.reasons()).isEqualTo(first.reasons());
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.path()).isEqualTo(first.path());
    }

    @Test
    void aChainThatExpiredInTheMeantimeIsRejectedOnTheSecondDecision() {
        assertThat(decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()).verdict())
                .isEqualTo(Verdict.TRUSTED_LOCAL);
        clock.advance(Duration.between(TestCerts.NOW, leaf.cert().notAfter()).plusSeconds(1));
        Decision later = decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert());
        assertThat(later.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(later.has("EXPIRED")).as(later.reasons().toString()).isTrue();
        assertThat(later.text()).contains("not valid at this time");
    }

    @Test
    void aDifferentAnchorSetDoesNotReuseThePath() {
        assertThat(decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()).verdict())
                .isEqualTo(Verdict.TRUSTED_LOCAL);
        Pki other = new Pki();
        Ladder elsewhere = new Ladder(other.config(), clock);
        Decision d = elsewhere.decide(peer("printer.home.arpa", "192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()));
        assertThat(d.verdict()).isNotIn(Verdict.TRUSTED_LOCAL, Verdict.TRUSTED_PUBLIC, Verdict.TRUSTED_VENDOR,
                Verdict.TRUSTED_ATTESTED);
        assertThat(d.has("PATH_VALID")).isFalse();
    }

    @Test
    void aChainDifferingByOneByteIsValidatedAfresh() throws Exception {
        assertThat(decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()).verdict())
                .isEqualTo(Verdict.TRUSTED_LOCAL);
        byte[] der = pki.gatewayIssuer.cert().der().clone();
        der[der.length - 3] ^= 0x01; // in the issuing CA's signature: still parses, no longer verifies
        Cert tampered = new CertificateReader().parseDer(der);
        Decision d = decide("192.168.1.20", leaf.cert(), tampered);
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("BAD_SIGNATURE")).as(d.reasons().toString()).isTrue();
    }

    @Test
    void aNonLocalConnectionStillRejectsTheLocalDeviceEkuAfterALocalDecisionCachedThePath() {
        assertThat(decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()).verdict())
                .isEqualTo(Verdict.TRUSTED_LOCAL);
        Decision remote = decide("203.0.113.7", leaf.cert(), pki.gatewayIssuer.cert());
        assertThat(remote.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(remote.has("LOCAL_DEVICE_NOT_LOCAL")).isTrue();
        assertThat(decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()).verdict())
                .isEqualTo(Verdict.TRUSTED_LOCAL);
    }

    @Test
    void anotherHostOnTheSameChainIsMatchedAgain() {
        assertThat(decide("192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()).verdict())
                .isEqualTo(Verdict.TRUSTED_LOCAL);
        Decision d = ladder.decide(peer("scanner.home.arpa", "192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("HOST_MISMATCH")).isTrue();
    }

    @Test
    void eachChainIsAnsweredForItsOwnHostOnly() {
        for (int i = 0; i < 40; i++) {
            Made l = pki.gatewayLeaf("d" + i + ".home.arpa");
            Decision d = ladder.decide(peer("d" + i + ".home.arpa", "192.168.1.20", l.cert(), pki.gatewayIssuer.cert()));
            assertThat(d.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            Decision wrong = ladder.decide(peer("d" + (i + 1) + ".home.arpa", "192.168.1.20", l.cert(),
                    pki.gatewayIssuer.cert()));
            assertThat(wrong.verdict()).isEqualTo(Verdict.REJECTED);
        }
    }
}
