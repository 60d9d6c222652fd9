package io.localtrust.agent.stapling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.TestCerts;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StaplerTest {
    private static final SecureRandom RANDOM = TestCerts.random(7);
    private static final CertificateMaker.Made CA = CertificateMaker.at(TestCerts.NOW, RANDOM).commonName("CA").key(KeyKind.EC_P256)
            .ca(0).make();
    private static final CertificateMaker.Made OTHER = CertificateMaker.at(TestCerts.NOW, RANDOM).commonName("CA").key(KeyKind.EC_P256)
            .ca(0).make();
    private static final CertificateMaker.Made LEAF = CertificateMaker.at(TestCerts.NOW, RANDOM).issuer(CA).dns("printer.home.arpa")
            .ocspUrl("http://127.0.0.1:9/ocsp").make();

    private Instant now = TestCerts.NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private byte[] response(Optional<Instant> revoked, CertificateMaker.Made signer) {
        return OcspResponses.make(LEAF.cert(), CA.cert(), signer, revoked, now, Duration.ofDays(4), RANDOM);
    }

    @Test
    void aClockThatWentBackDoesNotPostponeTheNextFetchByTheJump() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        Instant real = now;
        Stapler s = new Stapler((leaf, issuer) -> {
            fetches.incrementAndGet(); // the responder's clock is right: its responses are dated by the real time
            return StapleFetcher.verify(OcspResponses.make(LEAF.cert(), CA.cert(), CA, Optional.empty(), real, Duration.ofDays(4),
                    RANDOM), leaf, issuer, now);
        }, Duration.ofHours(1), clock, () -> { });
        s.serve(new CertChain(List.of(LEAF.cert(), CA.cert())));
        now = real.plus(Duration.ofDays(60)); // the clock ran ahead: the response looks stale, and the next try is planned on it
        s.tick();
        assertThat(s.current()).isEmpty();
        assertThat(s.view().nextAttempt()).hasValueSatisfying(t -> assertThat(t).isAfter(real.plus(Duration.ofDays(59))));
        now = real.plus(Duration.ofSeconds(1)); // NTP set it right
        s.tick();
        assertThat(fetches).as("fetched again at once, not 60 days later").hasValue(2);
        assertThat(s.current()).isPresent();
        now = now.plus(Duration.ofMinutes(30));
        s.tick();
        assertThat(fetches).as("a plan made on the right clock is kept").hasValue(2);
    }

    @Test
    void keepsTheLastGoodResponseWhileTheResponderIsDownThenStaplesNothing() throws Exception {
        boolean[] down = {false};
        AtomicInteger revokedCalls = new AtomicInteger();
        Stapler s = new Stapler((leaf, issuer) -> {
            if (down[0]) {
                throw new StapleException("the OCSP responder is unreachable");
            }
            return StapleFetcher.verify(response(Optional.empty(), CA), leaf, issuer, now);
        }, Duration.ofHours(1), clock, revokedCalls::incrementAndGet);
        s.serve(new CertChain(List.of(LEAF.cert(), CA.cert())));
        s.tick();
        assertThat(s.current()).isPresent();
        Instant nextUpdate = s.current().get().nextUpdate();
        down[0] = true;
        now = now.plus(Duration.ofHours(2));
        s.tick();
        assertThat(s.current()).as("the last good one, until its nextUpdate").isPresent();
        assertThat(s.view().problem()).contains("the OCSP responder is unreachable");
        now = nextUpdate;
        s.tick();
        assertThat(s.current()).as("never a stale staple").isEmpty();
        down[0] = false;
        now = now.plus(Duration.ofMinutes(10));
        s.tick();
        assertThat(s.current()).isPresent();
        assertThat(revokedCalls).hasValue(0);
    }

    @Test
    void refreshesAtHalfTheValidityAndReportsARevocation() throws Exception {
        boolean[] revoked = {false};
        AtomicInteger fetches = new AtomicInteger();
        AtomicInteger revokedCalls = new AtomicInteger();
        Stapler s = new Stapler((leaf, issuer) -> {
            fetches.incrementAndGet();
            return StapleFetcher.verify(response(revoked[0] ? Optional.of(now) : Optional.empty(), CA), leaf, issuer, now);
        }, Duration.ofDays(30), clock, revokedCalls::incrementAndGet);
        s.serve(new CertChain(List.of(LEAF.cert(), CA.cert())));
        s.tick();
        now = now.plus(Duration.ofDays(1));
        s.tick();
        assertThat(fetches).hasValue(1);
        now = now.plus(Duration.ofDays(1));
        revoked[0] = true;
        s.tick();
        assertThat(fetches).hasValue(2);
        assertThat(s.current().orElseThrow().status().status().name()).isEqualTo("REVOKED");
        assertThat(revokedCalls).hasValue(1);
    }

    @Test
    void refusesAResponseNotSignedByTheIssuerOrStale() {
        assertThatThrownBy(() -> StapleFetcher.verify(response(Optional.empty(), OTHER), LEAF.cert(), CA.cert(), now))
                .hasMessageContaining("not signed by the certificate's issuer");
        byte[] good = response(Optional.empty(), CA);
        assertThatThrownBy(() -> StapleFetcher.verify(good, LEAF.cert(), CA.cert(), now.plus(Duration.ofDays(5))))
                .hasMessageContaining("stale");
        assertThatThrownBy(() -> StapleFetcher.verify(good, LEAF.cert(), CA.cert(), now.minus(Duration.ofHours(1))))
                .hasMessageContaining("clock behind");
        assertThatThrownBy(() -> StapleFetcher.verify(new byte[] {0x30, 0}, LEAF.cert(), CA.cert(), now))
                .hasMessageContaining("not usable");
    }
}
