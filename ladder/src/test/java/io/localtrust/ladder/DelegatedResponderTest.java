package io.localtrust.ladder;

import static io.localtrust.ladder.LivePki.HOST;
import static io.localtrust.ladder.LivePki.peer;
import static io.localtrust.ladder.LivePki.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.OcspResponseMaker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delegated OCSP responders (RFC 6960 §4.2.2.2) met through {@link OcspFetch}: openssl's responder
 * ({@code openssl ocsp -index … -rsigner responder.pem -rkey responder.key}, fed what a loopback HTTP
 * server on 127.0.53.1 receives) signs with a responder certificate the issuer made. A correct one
 * (byName and byKey; with id-pkix-ocsp-nocheck, and without — then noted) decides; one that is
 * expired, not yet valid, lacks id-kp-OCSPSigning, has a key usage without digitalSignature, or is
 * certified by another CA is unusable — its "revoked" does not reject (soft-fail: the verdict
 * stands; hard-fail: {@code REVOCATION_UNKNOWN}); so is a response whose ResponderID names another
 * certificate than the one that signed.
 */
class DelegatedResponderTest {
    private static final String NOCHECK = "1.3.6.1.5.5.7.48.1.5";

    @TempDir
    Path dir;

    private LivePki pki;
    private Made ca;

    private LivePki pki() {
        if (pki == null) {
            pki = new LivePki(dir);
            ca = pki.maker().commonName("Home Gateway Issuing CA").organization("Home").issuer(pki.root).ca(0)
                    .lifetime(Duration.ofDays(730)).make();
        }
        return pki;
    }

    private CertificateMaker responderCert() {
        return pki().maker().commonName("Home Gateway OCSP").issuer(ca).ocspSigning().lifetime(Duration.ofDays(7));
    }

    @Test
    void aDelegatedResponderWithNoCheckSaysGoodEnoughForHardFail() throws Exception {
        Made responder = responderCert().extension(NOCHECK, false, new byte[] {0x05, 0x00}).make();
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = pki().leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", pki.responder(ca).signedBy(responder).valid(leaf.cert()));
            Decision d = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(reason(d, "OCSP_GOOD")).contains("'Home Gateway Issuing CA' says 'printer.home.arpa' is good");
            assertThat(d.has("OCSP_RESPONDER_UNCHECKED")).isFalse();
            assertThat(server.requests("/ocsp")).isEqualTo(1);
        }
    }

    @Test
    void aDelegatedResponderNamedByKeyRevokesAndItsUncheckedStatusIsNoted() throws Exception {
        Made responder = responderCert().make();
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = pki().leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", pki.responder(ca).signedBy(responder).byKey()
                    .revoked(leaf.cert(), pki.now.minusSeconds(600)));
            Decision d = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.REJECTED);
            assertThat(reason(d, "OCSP_REVOKED")).contains("revoked by 'Home Gateway Issuing CA'");
            assertThat(reason(d, "OCSP_RESPONDER_UNCHECKED")).contains("'Home Gateway OCSP'", "id-pkix-ocsp-nocheck");
        }
    }

    @Test
    void anExpiredResponderIsUnusable() throws Exception {
        assertUnusable(responderCert().notBefore(pki().now.minus(Duration.ofDays(10))).make(), "expired on");
    }

    @Test
    void aResponderNotYetValidIsUnusable() throws Exception {
        assertUnusable(responderCert().notBefore(pki().now.plus(Duration.ofDays(1))).make(), "is not valid before");
    }

    @Test
    void aResponderWithoutOcspSigningIsUnusable() throws Exception {
        assertUnusable(pki().maker().commonName("Home Gateway OCSP").issuer(ca).serverAuth().make(), "lacks id-kp-OCSPSigning");
    }

    @Test
    void aResponderWhoseKeyUsageForbidsSignaturesIsUnusable() throws Exception {
        assertUnusable(responderCert().key(KeyKind.RSA_2048).keyUsage("keyEncipherment").make(),
                "key usage without digitalSignature");
    }

    @Test
    void aResponderOfAnotherCaIsUnusable() throws Exception {
        Made other = pki().maker().commonName("Home Gateway Issuing CA").organization("Home").ca(0).make(); // same name
        assertUnusable(pki.maker().commonName("Home Gateway OCSP").issuer(other).ocspSigning().make(),
                "is not certified by 'Home Gateway Issuing CA'");
    }

    @Test
    void aResponderIdNamingAnotherCertificateIsUnusable() throws Exception {
        Made responder = responderCert().make();
        Made stranger = pki().maker().commonName("Someone Else").make();
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = pki.leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", (body, path) -> OcspResponseMaker
                    .about(leaf.cert(), ca.cert(), responder, pki.now.minusSeconds(60)).carrying(responder.cert())
                    .responderByName(stranger.cert()).revoked(pki.now.minusSeconds(600)).make(pki.random));
            Decision soft = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(soft.verdict()).as(soft.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(reason(soft, "OCSP_UNUSABLE")).contains("ResponderID", "Someone Else");
        }
    }

    /** openssl signs a "revoked" with {@code responder}: soft-fail keeps the verdict, hard-fail rejects as unknown. */
    private void assertUnusable(Made responder, String why) throws Exception {
        try (RevocationServer server = new RevocationServer(HOST)) {
            Made leaf = pki().leaf(ca, server.url("/ocsp"), null);
            server.on("/ocsp", "application/ocsp-response", pki.responder(ca).signedBy(responder)
                    .revoked(leaf.cert(), pki.now.minusSeconds(600)));
            Decision soft = pki.ladder(RevocationPolicy.SOFT_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(soft.verdict()).as(soft.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
            assertThat(soft.has("OCSP_REVOKED")).isFalse();
            assertThat(reason(soft, "OCSP_UNUSABLE")).contains("not signed by 'Home Gateway Issuing CA' or a responder it "
                    + "delegated to", why);
            assertThat(soft.has("REVOCATION_SOFT_FAIL")).isTrue();
            Decision hard = pki.ladder(RevocationPolicy.HARD_FAIL, OnlineRevocation.defaults()).decide(peer(leaf, ca));
            assertThat(hard.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(hard.has("REVOCATION_UNKNOWN")).isTrue();
            assertThat(hard.has("OCSP_REVOKED")).isFalse();
        }
    }
}
