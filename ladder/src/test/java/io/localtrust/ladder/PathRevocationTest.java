package io.localtrust.ladder;

import static io.localtrust.ladder.LivePki.HOST;
import static io.localtrust.ladder.LivePki.messages;
import static io.localtrust.ladder.LivePki.peer;
import static io.localtrust.ladder.LivePki.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker.Made;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation of the whole path: the issuing CA between the leaf and the anchor is checked online
 * like the leaf — its OCSP responder (openssl, answering for the root, fed by a loopback server on
 * 127.0.53.1), else its CRL (signed by the root) — under the same policy. A revoked issuing CA
 * rejects with a reason naming it; a good one keeps hard-fail satisfied; one whose sources fail is
 * "unknown" (soft: stands, hard: rejected); one that names no source is noted and not held against
 * the policy. Several stalling sources still end at the decision's deadline.
 */
class PathRevocationTest {
    @TempDir
    Path dir;

    @Test
    void aRevokedIssuingCaRejectsAndIsNamed() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(server.url("/root-ocsp"), null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", pki.responder(ca).valid(leaf.cert()));
            server.on("/root-ocsp", "application/ocsp-response", pki.responder(pki.root)
                    .revoked(ca.cert(), pki.now.minusSeconds(3600)));
            Decision d = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.REJECTED);
            assertThat(reason(d, "OCSP_GOOD")).contains("'printer.home.arpa' is good");
            assertThat(reason(d, "OCSP_REVOKED")).contains("'Home Gateway Issuing CA' revoked by 'Home Gateway Root'");
            assertThat(reason(d, "REVOKED_ISSUER")).contains("'Home Gateway Issuing CA'");
            assertThat(d.text()).contains("the authority 'Home Gateway Issuing CA' that certified 'printer.home.arpa' is revoked");
            assertThat(server.requests("/root-ocsp")).isEqualTo(1);
        }
    }

    @Test
    void aGoodIssuingCaAndLeafSatisfyHardFail() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(server.url("/root-ocsp"), null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", pki.responder(ca).valid(leaf.cert()));
            server.on("/root-ocsp", "application/ocsp-response", pki.responder(pki.root).valid(ca.cert()));
            Ladder ladder = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults());
            Decision d = ladder.decide(peer(leaf, ca));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(messages(d, "OCSP_GOOD")).hasSize(2).anySatisfy(m -> assertThat(m)
                    .contains("'Home Gateway Root' says 'Home Gateway Issuing CA' is good"));
            Decision again = ladder.decide(peer(leaf, ca));
            assertThat(messages(again, "OCSP_GOOD")).hasSize(2).allSatisfy(m -> assertThat(m).contains("cached"));
            assertThat(server.requests("/root-ocsp")).isEqualTo(1);
        }
    }

    @Test
    void anIssuingCaRevokedOnTheRootsCrlRejects() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, server.url("/crl/root.crl"));
            Made leaf = pki.leaf(ca, null, server.url("/crl/issuer.crl"));
            server.on("/crl/issuer.crl", "application/pkix-crl", (b, p) -> pki.crl(ca, ca));
            server.on("/crl/root.crl", "application/pkix-crl", (b, p) -> pki.crl(pki.root, pki.root, ca.cert().serial()));
            Decision d = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.REJECTED);
            assertThat(reason(d, "CRL_GOOD")).contains("not listed");
            assertThat(reason(d, "CRL_REVOKED")).startsWith("issuing CA 'Home Gateway Issuing CA': ")
                    .contains(ca.cert().serial().toString());
            assertThat(d.has("REVOKED_ISSUER")).isTrue();
        }
    }

    @Test
    void anIssuingCaOnTheRootsCrlButNotListedIsGood() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, server.url("/crl/root.crl"));
            Made leaf = pki.leaf(ca, null, server.url("/crl/issuer.crl"));
            Made otherCa = pki.issuingCa(null, null);
            server.on("/crl/issuer.crl", "application/pkix-crl", (b, p) -> pki.crl(ca, ca));
            server.on("/crl/root.crl", "application/pkix-crl", (b, p) -> pki.crl(pki.root, pki.root, otherCa.cert().serial()));
            Decision d = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(messages(d, "CRL_GOOD")).hasSize(2);
        }
    }

    @Test
    void anIssuingCaWhoseResponderIsDownIsSoftOrHardFail() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(server.url("/root-ocsp"), null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", pki.responder(ca).valid(leaf.cert()));
            server.on("/root-ocsp", "application/ocsp-response", (b, p) -> {
                throw new IllegalStateException("down"); // HTTP 500
            });
            Decision soft = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(soft.verdict()).as(soft.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(reason(soft, "OCSP_UNAVAILABLE")).contains("HTTP 500");
            assertThat(soft.has("REVOCATION_SOFT_FAIL")).isTrue();
            Decision hard = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(hard.verdict()).as(hard.reasons().toString()).isEqualTo(Verdict.REJECTED);
            assertThat(hard.has("REVOCATION_UNKNOWN")).isTrue();
        }
    }

    @Test
    void anIssuingCaNamingNoSourceIsNotedAndNotHeldAgainstHardFail() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(null, null);
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", pki.responder(ca).valid(leaf.cert()));
            Decision d = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(reason(d, "REVOCATION_NOT_NAMED")).contains("'Home Gateway Issuing CA'");
        }
    }

    @Test
    void stallingSourcesOnTheWholePathEndAtTheDecisionsDeadline() throws Exception {
        LivePki pki = new LivePki(dir);
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made ca = pki.issuingCa(server.url("/stall/root-ocsp"), server.url("/stall/root.crl"));
            Made leaf = pki.leaf(ca, server.url("/stall/ocsp"), server.url("/stall/issuer.crl"));
            server.on("/stall", "application/ocsp-response", (b, p) -> {
                Thread.sleep(20_000);
                return new byte[0];
            });
            Ladder ladder = new Ladder(io.localtrust.ladder.TrustConfig.of(java.util.List.of(),
                    java.util.List.of(pki.root.cert()), java.util.List.of()).withRevocation(RevocationPolicy.HARD_FAIL)
                    .withDeadline(Duration.ofMillis(1500)), pki.clock);
            long start = System.nanoTime();
            Decision d = ladder.decide(peer(leaf, ca));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("four sources stalling 20 s each, a 1.5 s deadline").isLessThan(Duration.ofSeconds(10));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.REJECTED);
            assertThat(d.has("REVOCATION_UNKNOWN")).isTrue();
            assertThat(messages(d, "CRL_UNAVAILABLE")).anySatisfy(m -> assertThat(m)
                    .startsWith("issuing CA 'Home Gateway Issuing CA': ").contains("deadline has passed"));
        }
    }
}
