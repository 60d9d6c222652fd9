package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.RootOperations;
import io.localtrust.store.RevocationReason;
import io.localtrust.x509.Cert;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replaced issuing CA ({@code gateway new-intermediate}) after a restart of the gateway: its
 * certificates still get OCSP answers and a CRL, judged by openssl, until the root revokes it.
 */
class RetiredIssuerTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path tmp;
    RunningGateway g;
    Cert oldCa;
    Path oldCaPem;
    Cert second;

    @BeforeEach
    void replaceTheIssuingCaAndRestart() throws Exception {
        g = new RunningGateway(tmp); // g.leaf: issued by the first CA
        second = issue("scanner");
        TestGateways.writePem(tmp.resolve("second.pem"), second.der());
        oldCa = g.gateway.intermediate();
        g.close();
        var made = new RootOperations(TestGateways.CLOCK, TestGateways.RANDOM).newIntermediate(g.dir, null, PASSPHRASE, "test");
        oldCaPem = made.previousKept();
        g.restart();
        assertThat(g.gateway.intermediate().serial()).isNotEqualTo(oldCa.serial());
    }

    @AfterEach
    void stop() throws Exception {
        g.close();
    }

    private Cert issue(String name) throws Exception {
        return g.gateway.authority().issue(new IssuanceRequest(TestGateways.csr(name), List.of(name + ".home.arpa"), "test", true))
                .leaf();
    }

    private void revokeFromShell(BigInteger serial) throws Exception {
        try (Gateway other = TestGateways.open(g.dir)) {
            new Approvals(other.store(), other.config().names(), TestGateways.CLOCK)
                    .revoke(serial.toString(16), RevocationReason.KEY_COMPROMISE, "cli:test");
        }
    }

    /** The CRL at the URL the certificate's CRL distribution point names (its host is the gateway's public name). */
    private HttpResponse<byte[]> crlOf(Cert c) throws Exception {
        String path = URI.create(c.crlUrls().get(0)).getPath().substring(1);
        return g.get(path);
    }

    private TestGateways.Run verifyWithCrl(Cert leaf, String leafFile, Path ca) throws Exception {
        HttpResponse<byte[]> crl = crlOf(leaf);
        assertThat(crl.statusCode()).isEqualTo(200);
        Files.write(tmp.resolve("fetched.crl"), crl.body());
        return TestGateways.openssl(tmp, "verify", "-crl_check", "-CRLfile", "fetched.crl", "-CAfile",
                g.dir.resolve("root.pem").toString(), "-untrusted", ca.toString(), leafFile);
    }

    @Test
    void theReplacedCasCertificatesGetGoodThenRevokedFromOpensslOcsp() throws Exception {
        assertThat(g.opensslOcsp(oldCaPem, "leaf.pem")).contains("Response verify OK", "leaf.pem: good");
        assertThat(g.opensslOcsp(oldCaPem, "leaf.pem", "-sha256")).contains("Response verify OK", "leaf.pem: good");
        // and the new CA answers for its own
        TestGateways.writePem(tmp.resolve("new.pem"), issue("camera").der());
        assertThat(g.opensslOcsp(g.dir.resolve("intermediate.pem"), "new.pem", "-sha384")).contains("Response verify OK", "new.pem: good");

        revokeFromShell(g.leaf.serial());
        assertThat(RunningGateway.eventually(Duration.ofSeconds(5),
                () -> g.opensslOcsp(oldCaPem, "leaf.pem").contains("leaf.pem: revoked"))).isTrue();
        assertThat(g.opensslOcsp(oldCaPem, "leaf.pem", "-sha256")).contains("Response verify OK", "leaf.pem: revoked");
    }

    @Test
    void aSerialAskedOfTheWrongCaIsUnknown() throws Exception {
        Cert mine = issue("camera"); // the new CA's
        for (Cert askedOf : new Cert[] {oldCa, g.gateway.intermediate()}) {
            Cert leaf = askedOf == oldCa ? mine : g.leaf;
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(askedOf.der()), leaf.serial());
            HttpResponse<byte[]> r = g.http.send(HttpRequest.newBuilder(URI.create(g.ocspUrl()))
                    .header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder().addRequest(id).build().getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            OCSPResp resp = new OCSPResp(r.body());
            assertThat(resp.getStatus()).isZero();
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
            assertThat(basic.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(new X509CertificateHolder(askedOf.der())))).isTrue();
        }
    }

    @Test
    void theCrlAtTheReplacedCasCrlUrlPassesItsCertificatesThenRejectsTheRevokedOne() throws Exception {
        assertThat(g.leaf.crlUrls().get(0)).endsWith("/crl/intermediate-" + oldCa.serial().toString(16) + ".crl");
        var before = verifyWithCrl(g.leaf, "leaf.pem", oldCaPem);
        assertThat(before.exit()).as(before.output()).isZero();
        assertThat(before.output()).contains("leaf.pem: OK");
        // the old, shared path serves the oldest live CA: the one whose certificates named it
        X509CRLHolder legacy = new X509CRLHolder(g.get("crl/intermediate.crl").body());
        assertThat(AuthorityKeyIdentifier.fromExtensions(legacy.getExtensions()).getKeyIdentifier())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(new X509CertificateHolder(oldCa.der()).getExtensions()).getKeyIdentifier());

        revokeFromShell(g.leaf.serial());
        assertThat(RunningGateway.eventually(Duration.ofSeconds(5),
                () -> new X509CRLHolder(crlOf(g.leaf).body()).getRevokedCertificate(g.leaf.serial()) != null)).isTrue();
        var after = verifyWithCrl(g.leaf, "leaf.pem", oldCaPem);
        assertThat(after.exit()).isNotZero();
        assertThat(after.output()).contains("certificate revoked");
        // each CA's CRL lists only its own certificates
        X509CRLHolder current = new X509CRLHolder(g.get("crl/intermediate-" + g.gateway.intermediate().serial().toString(16) + ".crl").body());
        assertThat(current.getRevokedCertificates()).isEmpty();
        assertThat(new X509CRLHolder(crlOf(g.leaf).body()).getExtension(Extension.authorityKeyIdentifier)).isNotNull();
    }

    @Test
    void afterRevokeIntermediateItsCertificatesGetNoGoodWhileRunningNorAfterARestart() throws Exception {
        assertThat(g.opensslOcsp(oldCaPem, "second.pem")).contains("second.pem: good");
        String oldCrl = "crl/intermediate-" + oldCa.serial().toString(16) + ".crl";
        assertThat(g.get(oldCrl).statusCode()).isEqualTo(200);

        new RootOperations(TestGateways.CLOCK, TestGateways.RANDOM).revokeIntermediate(g.dir, null, PASSPHRASE, null,
                RevocationReason.SUPERSEDED, "test");
        assertThat(RunningGateway.eventually(Duration.ofSeconds(5),
                () -> g.opensslOcsp(oldCaPem, "second.pem").contains("unauthorized"))).isTrue();
        assertThat(g.opensslOcsp(oldCaPem, "second.pem", "-sha256")).doesNotContain("second.pem: good").contains("unauthorized");
        assertThat(g.get(oldCrl).statusCode()).isEqualTo(404);

        g.restart();
        assertThat(g.gateway.issuers()).hasSize(1);
        assertThat(g.opensslOcsp(oldCaPem, "second.pem")).doesNotContain("second.pem: good").contains("unauthorized");
        // its serial asked of the current CA: unknown, never good
        assertThat(g.opensslOcsp(g.dir.resolve("intermediate.pem"), "second.pem")).doesNotContain("second.pem: good");
        assertThat(g.get(oldCrl).statusCode()).isEqualTo(404);
    }
}
