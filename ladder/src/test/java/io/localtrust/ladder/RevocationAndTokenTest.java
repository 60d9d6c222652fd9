package io.localtrust.ladder;

import static io.localtrust.ladder.Pki.CLOCK;
import static io.localtrust.ladder.Pki.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.tokens.DeviceStatus;
import io.localtrust.tokens.Nonce;
import io.localtrust.tokens.SignedToken;
import io.localtrust.tokens.StatusReport;
import io.localtrust.tokens.StatusTokenSigner;
import io.localtrust.tokens.TokenFormat;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.TestCerts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stapled OCSP response and the device status token in the ladder. */
class RevocationAndTokenTest {
    private final Pki pki = new Pki();
    private final Made leaf = pki.gatewayLeaf("printer.home.arpa");
    private final TlsPeer printer = peer("printer.home.arpa", "192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert());

    private byte[] ocsp(Optional<java.time.Instant> revokedAt, Made signer) {
        return OcspResponses.make(leaf.cert(), pki.gatewayIssuer.cert(), signer, revokedAt,
                TestCerts.NOW.minusSeconds(60), Duration.ofDays(1), TestCerts.random(7));
    }

    @Test
    void revokedStapleRejects() {
        Ladder ladder = new Ladder(pki.config(), CLOCK);
        Decision d = ladder.decide(printer.withStaple(ocsp(Optional.of(TestCerts.NOW.minusSeconds(3600)), pki.gatewayIssuer)));
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("OCSP_REVOKED")).isTrue();
        assertThat(d.text()).contains("revoked");
    }

    @Test
    void goodStapleIsRecordedAndForgedRevocationIsIgnored() {
        Ladder ladder = new Ladder(pki.config(), CLOCK);
        Decision good = ladder.decide(printer.withStaple(ocsp(Optional.empty(), pki.gatewayIssuer)));
        assertThat(good.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(good.has("OCSP_GOOD")).isTrue();
        Made forger = TestCerts.maker().commonName("Home Gateway Issuing CA").organization("Home").ca(0).make();
        Decision forged = ladder.decide(printer.withStaple(ocsp(Optional.of(TestCerts.NOW), forger)));
        assertThat(forged.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(forged.has("OCSP_UNUSABLE")).isTrue();
    }

    @Test
    void hardFailNeedsAGoodStaple() {
        Ladder hard = new Ladder(pki.config().withRevocation(RevocationPolicy.HARD_FAIL), CLOCK);
        Decision none = hard.decide(printer);
        assertThat(none.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(none.has("REVOCATION_UNKNOWN")).isTrue();
        assertThat(hard.decide(printer.withStaple(ocsp(Optional.empty(), pki.gatewayIssuer))).verdict())
                .isEqualTo(Verdict.TRUSTED_LOCAL);
    }

    @Test
    void garbageStapleIsUnusableNotAnException() {
        Decision d = new Ladder(pki.config(), CLOCK).decide(printer.withStaple(new byte[] {0x30, 0x03, 1, 2}));
        assertThat(d.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(d.has("OCSP_UNUSABLE")).isTrue();
    }

    @Test
    void statusTokenIsVerifiedAgainstTheTlsKeyAndRecorded() throws Exception {
        StatusTokenSigner signer = new StatusTokenSigner(leaf.keyPair().getPrivate(),
                new CertChain(List.of(leaf.cert(), pki.gatewayIssuer.cert())), CLOCK, Duration.ofMinutes(2));
        Nonce nonce = new Nonce("n-0S6_WzA2Mj");
        SignedToken token = signer.sign(TokenFormat.COSE, new StatusReport("printer.home.arpa", "4.2.1", DeviceStatus.OK),
                Optional.of(nonce));
        Ladder ladder = new Ladder(pki.config(), CLOCK);
        Decision ok = ladder.decide(printer.withStatusToken(new PresentedToken(TokenFormat.COSE, token.encoded(),
                Optional.of(nonce))));
        assertThat(ok.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(ok.reasons()).anySatisfy(r -> {
            assertThat(r.code()).isEqualTo("STATUS_TOKEN");
            assertThat(r.message()).contains("status ok", "firmware 4.2.1", "nonce echoed");
        });
        Decision replayed = ladder.decide(printer.withStatusToken(new PresentedToken(TokenFormat.COSE, token.encoded(),
                Optional.of(new Nonce("another-nonce-1")))));
        assertThat(replayed.reasons()).anySatisfy(r -> {
            assertThat(r.code()).isEqualTo("STATUS_TOKEN_REJECTED");
            assertThat(r.message()).contains("NONCE_MISMATCH");
        });
    }
}
