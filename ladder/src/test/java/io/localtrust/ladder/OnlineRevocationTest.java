package io.localtrust.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.MovableClock;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation the ladder fetches itself when nothing is stapled: openssl's OCSP responder (good,
 * revoked, unknown, signed by the wrong key, stale), a CRL served by a loopback HTTP server (good,
 * revoked, forged), a responder that is down, stalls or sends too much — under soft- and hard-fail —
 * and the cache, counted at the server. Everything listens on 127.0.53.1; the certificates are made
 * now, because openssl dates its responses by the real clock.
 */
class OnlineRevocationTest {
    private static final String HOST = "127.0.53.1";

    @TempDir
    Path dir;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MovableClock clock = MovableClock.fixedAt(now);
    private final SecureRandom random = new SecureRandom();
    private final Made root = maker().commonName("Home Gateway Root").organization("Home").ca(1)
            .lifetime(Duration.ofDays(3650)).make();
    private final Made issuer = maker().commonName("Home Gateway Issuing CA").organization("Home").issuer(root).ca(0)
            .lifetime(Duration.ofDays(730)).make();
    /** Same name as the issuer, another key. */
    private final Made forger = maker().commonName("Home Gateway Issuing CA").organization("Home").ca(0).make();

    @Test
    void goodFromOpensslResponderIsEnoughForHardFail() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", responder().valid(leaf.cert()));
            Decision d = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(LivePki.reason(d, "OCSP_GOOD")).contains("Home Gateway Issuing CA", server.url("/ocsp"));
            assertThat(d.has("OCSP_NOT_STAPLED")).isTrue();
            assertThat(server.requests("/ocsp")).isEqualTo(1);
        }
    }

    @Test
    void revokedFromOpensslResponderRejects() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", responder().revoked(leaf.cert(), now.minusSeconds(3600)));
            Decision d = ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(LivePki.reason(d, "OCSP_REVOKED")).contains("revoked by 'Home Gateway Issuing CA'");
            assertThat(d.text()).contains("revoked");
        }
    }

    @Test
    void longResponderUrlIsAskedByPost() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp/" + "p".repeat(200)), null);
            server.on("/ocsp", "application/ocsp-response", (body, path) -> {
                assertThat(body).isNotEmpty(); // a POST: the request is the body, not the path
                return responder().revoked(leaf.cert(), now.minusSeconds(60)).answer(body, path);
            });
            Decision d = ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.REJECTED);
            assertThat(d.has("OCSP_REVOKED")).isTrue();
        }
    }

    @Test
    void unknownAtTheResponderFallsBackToTheCrl() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), server.url("/crl/issuer.crl"));
            server.on("/ocsp", "application/ocsp-response", responder()); // an empty index: "unknown"
            server.on("/crl", "application/pkix-crl", (b, p) -> crl(issuer));
            Decision d = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(d.has("OCSP_UNKNOWN")).isTrue();
            assertThat(LivePki.reason(d, "CRL_GOOD")).contains("not listed", server.url("/crl/issuer.crl"));
            assertThat(server.requests("/ocsp")).isEqualTo(1);
            assertThat(server.requests("/crl")).isEqualTo(1);
        }
    }

    @Test
    void crlOnlyIssuerRevokesOneLeafAndIsFetchedOnceForBoth() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made revoked = leaf(null, server.url("/crl/issuer.crl"));
            Made good = leaf(null, server.url("/crl/issuer.crl"));
            server.on("/crl", "application/pkix-crl", (b, p) -> crl(issuer, revoked.cert().serial()));
            Ladder ladder = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults());
            Decision r = ladder.decide(peer(revoked));
            assertThat(r.verdict()).as(r.reasons().toString()).isEqualTo(Verdict.REJECTED);
            assertThat(LivePki.reason(r, "CRL_REVOKED")).contains(revoked.cert().serial().toString());
            Decision g = ladder.decide(peer(good));
            assertThat(g.verdict()).as(g.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(LivePki.reason(g, "CRL_GOOD")).contains("cached");
            assertThat(server.requests("/crl")).isEqualTo(1);
        }
    }

    @Test
    void aCrlSignedByAnotherKeyIsUnusable() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(null, server.url("/crl/issuer.crl"));
            server.on("/crl", "application/pkix-crl", (b, p) -> crl(forger, leaf.cert().serial()));
            Decision soft = ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(soft.verdict()).as(soft.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(soft.has("CRL_UNUSABLE")).isTrue();
            assertThat(soft.has("REVOCATION_SOFT_FAIL")).isTrue();
            Decision hard = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(hard.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(hard.has("REVOCATION_UNKNOWN")).isTrue();
        }
    }

    @Test
    void aResponseSignedByTheWrongKeyDecidesNothing() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", responder().signedBy(forger).revoked(leaf.cert(), now));
            Decision soft = ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(soft.verdict()).as(soft.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(LivePki.reason(soft, "OCSP_UNUSABLE")).contains("not signed by 'Home Gateway Issuing CA'");
            Decision hard = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(hard.verdict()).isEqualTo(Verdict.REJECTED);
        }
    }

    @Test
    void aStaleResponseDecidesNothing() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", responder().validFor(1).valid(leaf.cert()));
            clock.advance(Duration.ofMinutes(10)); // past nextUpdate (1 minute) and the 5 minutes of skew
            Decision hard = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(hard.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(LivePki.reason(hard, "OCSP_UNUSABLE")).contains("stale");
            assertThat(hard.has("REVOCATION_UNKNOWN")).isTrue();
        }
    }

    @Test
    void aResponderThatIsDownIsSoftOrHardFail() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            closed = s.getLocalPort();
        }
        Made leaf = leaf("http://" + HOST + ":" + closed + "/ocsp", null);
        Decision soft = ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
        assertThat(soft.verdict()).as(soft.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(soft.has("OCSP_UNAVAILABLE")).isTrue();
        assertThat(soft.has("REVOCATION_SOFT_FAIL")).isTrue();
        Decision hard = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
        assertThat(hard.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(hard.text()).contains("revocation status", "unknown");
    }

    @Test
    void aStallingResponderEndsAtTheFetchTimeout() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", (b, p) -> {
                Thread.sleep(20_000);
                return new byte[0];
            });
            OnlineRevocation quick = OnlineRevocation.defaults().withFetchTimeout(Duration.ofMillis(300));
            long start = System.nanoTime();
            Decision soft = ladder(RevocationPolicy.SOFT_FAIL, quick).decide(peer(leaf));
            Decision hard = ladder(RevocationPolicy.HARD_FAIL, quick).decide(peer(leaf));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("two decisions against a 20 s stall").isLessThan(Duration.ofSeconds(10));
            assertThat(soft.verdict()).as(soft.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(LivePki.reason(soft, "OCSP_UNAVAILABLE")).contains("no complete answer within 300 ms");
            assertThat(hard.verdict()).isEqualTo(Verdict.REJECTED);
        }
    }

    @Test
    void anOversizedResponseIsRefused() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", (b, p) -> new byte[200_000]);
            Decision d = ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(d.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(LivePki.reason(d, "OCSP_UNAVAILABLE")).contains("more than 65536 bytes");
        }
    }

    @Test
    void anAnswerIsCachedUntilItsNextUpdate() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", responder().validFor(60).valid(leaf.cert()));
            Ladder ladder = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults());
            assertThat(ladder.decide(peer(leaf)).verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            Decision second = ladder.decide(peer(leaf));
            assertThat(second.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(LivePki.reason(second, "OCSP_GOOD")).contains("cached");
            assertThat(server.requests("/ocsp")).isEqualTo(1);
            clock.advance(Duration.ofMinutes(66)); // past nextUpdate plus the skew: asked again
            ladder.decide(peer(leaf));
            assertThat(server.requests("/ocsp")).isEqualTo(2);
        }
    }

    @Test
    void offlineOrOffAsksNothing() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), server.url("/crl/issuer.crl"));
            server.on("/ocsp", "application/ocsp-response", responder().revoked(leaf.cert(), now));
            server.on("/crl", "application/pkix-crl", (b, p) -> crl(issuer, leaf.cert().serial()));
            Decision offline = ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.disabled()).decide(peer(leaf));
            assertThat(offline.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(offline.has("REVOCATION_OFFLINE")).isTrue();
            Decision offlineHard = ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.disabled()).decide(peer(leaf));
            assertThat(offlineHard.verdict()).isEqualTo(Verdict.REJECTED);
            Decision off = ladder(RevocationPolicy.OFF, OnlineRevocation.defaults()).decide(peer(leaf));
            assertThat(off.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(off.has("REVOCATION_OFF")).isTrue();
            assertThat(server.requests("/ocsp") + server.requests("/crl")).isZero();
        }
    }

    @Test
    void aChainNoAnchorVouchesForMakesNoFetch() throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = leaf(server.url("/ocsp"), server.url("/crl/issuer.crl"));
            server.on("/ocsp", "application/ocsp-response", responder().valid(leaf.cert()));
            server.on("/crl", "application/pkix-crl", (b, p) -> crl(issuer));
            Ladder untrusting = new Ladder(TrustConfig.of(List.of(), List.of(), List.of()), clock);
            Decision d = untrusting.decide(peer(leaf));
            assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_US);
            assertThat(server.requests("/ocsp") + server.requests("/crl")).isZero();
        }
    }

    private CertificateMaker maker() {
        return CertificateMaker.at(now, random);
    }

    private Made leaf(String ocsp, String crl) {
        CertificateMaker m = maker().commonName("printer.home.arpa").issuer(issuer).dns("printer.home.arpa").serverAuth()
                .localDevice().lifetime(Duration.ofDays(90));
        if (ocsp != null) {
            m.ocspUrl(ocsp);
        }
        if (crl != null) {
            m.crlUrl(crl);
        }
        return m.make();
    }

    private OpensslResponder responder() throws Exception {
        Path d = Files.createTempDirectory(dir, "ocsp");
        return new OpensslResponder(d, issuer);
    }

    private Ladder ladder(RevocationPolicy policy, OnlineRevocation online) {
        return new Ladder(TrustConfig.of(List.of(), List.of(root.cert()), List.of()).withRevocation(policy)
                .withOnlineRevocation(online), clock);
    }

    private TlsPeer peer(Made leaf) {
        return TlsPeer.of("printer.home.arpa", 443, Pki.address("192.168.1.20"), List.of(leaf.cert(), issuer.cert()));
    }

    /** A CRL in the issuer's name, signed by {@code signer}, current for a day, listing {@code revoked}. */
    private byte[] crl(Made signer, BigInteger... revoked) throws Exception {
        return LivePki.crl(now, issuer, signer, revoked);
    }
}
