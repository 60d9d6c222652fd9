package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.store.RevocationReason;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCSP and the CRL over plain HTTP, judged by openssl, with revocations made by a second process's store. */
class OcspAndCrlTest {
    @TempDir
    Path tmp;
    RunningGateway g;

    @BeforeEach
    void start() throws Exception {
        g = new RunningGateway(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        g.close();
    }

    /** Revokes through a second Gateway on the same directory: what `gateway revoke` in a shell does. */
    private void revokeFromShell(BigInteger serial) throws Exception {
        try (Gateway other = TestGateways.open(g.dir)) {
            new Approvals(other.store(), other.config().names(), TestGateways.CLOCK)
                    .revoke(serial.toString(16).toUpperCase(), RevocationReason.KEY_COMPROMISE, "cli:test");
        }
    }

    @Test
    void opensslSeesGoodThenRevokedAfterAShellRevoke() throws Exception {
        String good = g.opensslOcsp();
        assertThat(good).contains("Response verify OK", "leaf.pem: good");

        revokeFromShell(g.leaf.serial());
        long t0 = System.nanoTime();
        assertThat(RunningGateway.eventually(Duration.ofSeconds(5), () -> g.opensslOcsp().contains("leaf.pem: revoked"))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(g.opensslOcsp()).contains("Response verify OK", "Reason: keyCompromise");
    }

    @Test
    void opensslVerifyWithTheServedCrlPassesThenRejectsTheRevokedCertificate() throws Exception {
        Path crl = tmp.resolve("gw.crl");
        HttpResponse<byte[]> r = g.get("crl/intermediate.crl");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/pkix-crl");
        Files.write(crl, r.body());
        BigInteger first = crlNumber(r.body());
        String root = g.dir.resolve("root.pem").toString();
        String inter = g.dir.resolve("intermediate.pem").toString();
        var before = TestGateways.openssl(tmp, "verify", "-crl_check", "-CRLfile", crl.toString(), "-CAfile", root,
                "-untrusted", inter, "leaf.pem");
        assertThat(before.exit()).as(before.output()).isZero();
        assertThat(before.output()).contains("leaf.pem: OK");

        revokeFromShell(g.leaf.serial());
        assertThat(RunningGateway.eventually(Duration.ofSeconds(5),
                () -> crlNumber(g.get("crl/intermediate.crl").body()).compareTo(first) > 0)).isTrue();
        byte[] newer = g.get("crl/intermediate.crl").body();
        Files.write(crl, newer);
        X509CRLHolder holder = new X509CRLHolder(newer);
        assertThat(holder.getRevokedCertificate(g.leaf.serial())).isNotNull();
        assertThat(holder.getNextUpdate().getTime() - holder.getThisUpdate().getTime()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(holder.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
        var after = TestGateways.openssl(tmp, "verify", "-crl_check", "-CRLfile", crl.toString(), "-CAfile", root,
                "-untrusted", inter, "leaf.pem");
        assertThat(after.exit()).isNotZero();
        assertThat(after.output()).contains("certificate revoked");
        var text = TestGateways.openssl(tmp, "crl", "-in", crl.toString(), "-inform", "DER", "-noout", "-text");
        assertThat(text.output()).contains("Key Compromise", "X509v3 CRL Number");
    }

    private static BigInteger crlNumber(byte[] der) throws Exception {
        return CRLNumber.getInstance(new X509CRLHolder(der).getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }

    private byte[] request(BigInteger serial, AlgorithmIdentifier alg) throws Exception {
        DigestCalculator d = new JcaDigestCalculatorProviderBuilder().build().get(alg);
        CertificateID id = new CertificateID(d, new X509CertificateHolder(g.gateway.intermediate().der()), serial);
        return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }

    private OCSPResp post(byte[] body) throws Exception {
        HttpResponse<byte[]> r = g.http.send(HttpRequest.newBuilder(URI.create(g.ocspUrl()))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/ocsp-response");
        return new OCSPResp(r.body());
    }

    @Test
    void getFormWorksWithStandardAndUrlSafeBase64() throws Exception {
        byte[] req = request(g.leaf.serial(), CertificateID.HASH_SHA1);
        for (String path : new String[] {
            "ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(req), StandardCharsets.US_ASCII),
            "ocsp/" + Base64.getUrlEncoder().withoutPadding().encodeToString(req)}) {
            HttpResponse<byte[]> r = g.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            OCSPResp resp = new OCSPResp(r.body());
            assertThat(resp.getStatus()).isZero();
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            assertThat(basic.getResponses()[0].getCertID().getSerialNumber()).isEqualTo(g.leaf.serial());
            assertThat(basic.getResponses()[0].getCertStatus()).isNull();
            assertThat(r.headers().firstValue("cache-control")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
        }
    }

    @Test
    void preSignedAnswersAreServedWithoutSigningAgain() throws Exception {
        byte[] req = request(g.leaf.serial(), CertificateID.HASH_SHA1);
        OCSPResp a = post(req);
        OCSPResp b = post(req);
        assertThat(b.getEncoded()).isEqualTo(a.getEncoded());
        assertThat(g.server.ocspCached()).isGreaterThanOrEqualTo(2); // the device and the gateway's own certificate
    }

    @Test
    void garbageIsMalformedUnknownSerialIsUnknownForeignIssuerIsUnauthorized() throws Exception {
        assertThat(post("hello, responder".getBytes(StandardCharsets.US_ASCII)).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(g.get("ocsp/%21%21not-base64").body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        String notARequest = Base64.getEncoder().encodeToString("not an OCSP request".getBytes(StandardCharsets.US_ASCII));
        assertThat(new OCSPResp(g.get("ocsp/" + notARequest).body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);

        OCSPResp unknown = post(request(new BigInteger("123456789abcdef0123", 16), CertificateID.HASH_SHA1));
        assertThat(unknown.getStatus()).isZero();
        assertThat(((BasicOCSPResp) unknown.getResponseObject()).getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);

        DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        CertificateID foreign = new CertificateID(sha1, new X509CertificateHolder(g.gateway.root().der()), g.leaf.serial());
        assertThat(post(new OCSPReqBuilder().addRequest(foreign).build().getEncoded()).getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
    }

    @Test
    void opensslWithSha256AndSha384CertIdsSeesGoodThenRevokedWithinASecondOrSo() throws Exception {
        Path issuer = g.dir.resolve("intermediate.pem");
        for (String md : new String[] {"-sha256", "-sha384"}) {
            assertThat(g.opensslOcsp(issuer, "leaf.pem", md)).as(md).contains("Response verify OK", "leaf.pem: good");
        }
        revokeFromShell(g.leaf.serial());
        long t0 = System.nanoTime();
        assertThat(RunningGateway.eventually(Duration.ofSeconds(5),
                () -> g.opensslOcsp(issuer, "leaf.pem", "-sha256").contains("leaf.pem: revoked"))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        for (String md : new String[] {"-sha256", "-sha384"}) {
            assertThat(g.opensslOcsp(issuer, "leaf.pem", md)).as(md).contains("Response verify OK", "leaf.pem: revoked",
                    "Reason: keyCompromise");
        }
    }

    @Test
    void answersCarryTheRequestsCertIdHashAndAreSignedOncePerSerial() throws Exception {
        for (var oid : java.util.List.of(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1, NISTObjectIdentifiers.id_sha256,
                NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512)) {
            byte[] req = request(g.leaf.serial(), new AlgorithmIdentifier(oid, DERNull.INSTANCE));
            OCSPResp first = post(req);
            assertThat(first.getStatus()).as(oid.getId()).isZero();
            BasicOCSPResp basic = (BasicOCSPResp) first.getResponseObject();
            assertThat(basic.getResponses()[0].getCertID().getHashAlgOID()).isEqualTo(oid);
            assertThat(basic.getResponses()[0].getCertID()).isEqualTo(new OCSPReq(req).getRequestList()[0].getCertID());
            assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // good
            assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(new X509CertificateHolder(g.gateway.intermediate().der())))).isTrue();
            // ECDSA signatures differ every time: the same bytes mean the answer was not signed again
            assertThat(post(req).getEncoded()).as(oid.getId()).isEqualTo(first.getEncoded());
        }
    }

    @Test
    void certIdsInAnotherHashAreMalformedRequests() throws Exception {
        // SHA-224: a hash openssl and BC can compute, which the responder does not answer in
        assertThat(post(request(g.leaf.serial(), new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha224, DERNull.INSTANCE)))
                .getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        CertificateID sha256 = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)),
                new X509CertificateHolder(g.gateway.intermediate().der()), g.leaf.serial());
        CertID made = sha256.toASN1Primitive();
        CertificateID madeUp = new CertificateID(new CertID(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1")),
                made.getIssuerNameHash(), made.getIssuerKeyHash(), made.getSerialNumber()));
        assertThat(post(new OCSPReqBuilder().addRequest(madeUp).build().getEncoded()).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        // the same CertID in SHA-256 is answered: only the algorithm made the difference
        assertThat(post(new OCSPReqBuilder().addRequest(sha256).build().getEncoded()).getStatus()).isZero();
    }

    @Test
    void servesTheCaCertificates() throws Exception {
        HttpResponse<byte[]> root = g.get("ca/root.der");
        assertThat(root.headers().firstValue("content-type")).hasValue("application/pkix-cert");
        assertThat(root.body()).isEqualTo(g.gateway.root().der());
        assertThat(g.get("ca/intermediate.der").body()).isEqualTo(g.gateway.intermediate().der());
        assertThat(new String(g.get("ca/root.pem").body(), StandardCharsets.US_ASCII))
                .isEqualTo(Files.readString(g.dir.resolve("root.pem")));
        HttpResponse<byte[]> api = g.get("api/devices");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(new String(api.body(), StandardCharsets.UTF_8)).contains("only over HTTPS");
        assertThat(g.get("nothing/here").headers().firstValue("content-type")).hasValue("application/problem+json");
        // What Jetty refuses itself is rendered the same way.
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", g.server.httpPort())) {
            s.getOutputStream().write("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(raw).startsWith("HTTP/1.1 400").contains("application/problem+json", "\"status\":400");
        }
    }
}
