package io.localtrust.ladder;

import static io.localtrust.ladder.LivePki.HOST;
import static io.localtrust.ladder.LivePki.peer;
import static io.localtrust.ladder.LivePki.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker.Made;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Negative caching ({@link RevocationFailures}): a responder or CRL URL that failed — HTTP 500, a
 * malformed body, a stall past the fetch timeout, a refused connection — is not asked again for the
 * configured time on the ladder's clock (counted at a loopback server on 127.0.53.1), and a
 * remembered failure decides exactly as a fresh one (soft: the verdict stands; hard: rejected). After
 * the time, or with the memory off, the URL is asked again; the memory holds at most
 * {@code cacheEntries} URLs.
 */
class NegativeCacheTest {
    @TempDir
    Path dir;

    @Test
    void anHttpErrorIsRememberedAndDecidesLikeAFreshOneUnderBothPolicies() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", (b, p) -> {
                throw new IllegalStateException("broken"); // HTTP 500
            });
            Ladder soft = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults());
            Decision first = soft.decide(peer(leaf, ca));
            assertThat(first.verdict()).as(first.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(reason(first, "OCSP_UNAVAILABLE")).contains("HTTP 500").doesNotContain("remembered");
            Decision second = soft.decide(peer(leaf, ca));
            assertThat(second.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(reason(second, "OCSP_UNAVAILABLE")).contains("HTTP 500", "remembered failure", "not asked again until "
                    + pki.now.plusSeconds(30));
            assertThat(second.has("REVOCATION_SOFT_FAIL")).isTrue();
            assertThat(server.requests("/ocsp")).isEqualTo(1);

            Ladder hard = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults());
            assertThat(hard.decide(peer(leaf, ca)).verdict()).isEqualTo(Verdict.REJECTED);
            Decision hardAgain = hard.decide(peer(leaf, ca));
            assertThat(hardAgain.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(hardAgain.has("REVOCATION_UNKNOWN")).isTrue();
            assertThat(reason(hardAgain, "OCSP_UNAVAILABLE")).contains("remembered failure");
            assertThat(server.requests("/ocsp")).isEqualTo(2);

            pki.clock.advance(Duration.ofSeconds(31)); // past the 30 s memory: asked again
            soft.decide(peer(leaf, ca));
            assertThat(server.requests("/ocsp")).isEqualTo(3);
        }
    }

    @Test
    void aMalformedCrlIsRemembered() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, null);
            Made leaf = pki.leaf(ca, null, server.url("/crl/issuer.crl"));
            server.on("/crl", "application/pkix-crl", (b, p) -> "<html>not a CRL</html>".getBytes());
            Ladder ladder = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults());
            Decision first = ladder.decide(peer(leaf, ca));
            assertThat(first.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(reason(first, "CRL_UNUSABLE")).contains("not a CRL");
            Decision second = ladder.decide(peer(leaf, ca));
            assertThat(second.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(reason(second, "CRL_UNAVAILABLE")).contains("not a CRL", "remembered failure");
            assertThat(server.requests("/crl")).isEqualTo(1);
        }
    }

    @Test
    void aMalformedOcspBodyIsRemembered() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", (b, p) -> new byte[] {0x30, 0x03, 0x0a, 0x01, 0x09});
            Ladder ladder = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults());
            assertThat(reason(ladder.decide(peer(leaf, ca)), "OCSP_UNUSABLE")).contains("unusable");
            assertThat(reason(ladder.decide(peer(leaf, ca)), "OCSP_UNAVAILABLE")).contains("remembered failure");
            assertThat(server.requests("/ocsp")).isEqualTo(1);
        }
    }

    @Test
    void aStallIsPaidOnceThenRemembered() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", (b, p) -> {
                Thread.sleep(20_000);
                return new byte[0];
            });
            Ladder ladder = pki.ladder(RevocationPolicy.SOFT_FAIL,
                    OnlineRevocation.defaults().withFetchTimeout(Duration.ofMillis(300)));
            assertThat(reason(ladder.decide(peer(leaf, ca)), "OCSP_UNAVAILABLE")).contains("no complete answer within 300 ms");
            Decision second = ladder.decide(peer(leaf, ca));
            assertThat(second.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(reason(second, "OCSP_UNAVAILABLE")).contains("within 300 ms", "remembered failure");
            assertThat(server.requests("/ocsp")).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionIsRemembered() throws Exception {
        LivePki pki = new LivePki(dir);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            closed = s.getLocalPort();
        }
        Made ca = pki.issuingCa(null, null);
        Made leaf = pki.leaf(ca, "http://" + HOST + ":" + closed + "/ocsp", null);
        Ladder ladder = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults());
        Decision first = ladder.decide(peer(leaf, ca));
        assertThat(reason(first, "OCSP_UNAVAILABLE")).contains("could not be fetched").doesNotContain("remembered");
        Decision second = ladder.decide(peer(leaf, ca));
        assertThat(second.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(second, "OCSP_UNAVAILABLE")).contains("could not be fetched", "remembered failure");
    }

    @Test
    void withTheMemoryOffEveryDecisionAsks() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", (b, p) -> {
                throw new IllegalStateException("broken");
            });
            Ladder ladder = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults().withFailureMemory(Duration.ZERO));
            ladder.decide(peer(leaf, ca));
            ladder.decide(peer(leaf, ca));
            assertThat(server.requests("/ocsp")).isEqualTo(2);
        }
    }

    @Test
    void theMemoryIsBoundedBySize() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, null);
            Made a = pki.leaf(ca, server.url("/a"), null);
            Made b = pki.leaf(ca, server.url("/b"), null);
            RevocationServer.Answer broken = (body, path) -> {
                throw new IllegalStateException("broken");
            };
            server.on("/a", "application/ocsp-response", broken).on("/b", "application/ocsp-response", broken);
            Ladder ladder = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults().withCacheEntries(1));
            ladder.decide(peer(a, ca));
            ladder.decide(peer(a, ca)); // remembered
            ladder.decide(peer(b, ca)); // /b pushes /a out
            ladder.decide(peer(a, ca)); // asked again
            assertThat(server.requests("/a")).isEqualTo(2);
            assertThat(server.requests("/b")).isEqualTo(1);
        }
    }
}
