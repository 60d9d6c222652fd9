package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static io.localtrust.authority.TestGateway.openssl;
import static io.localtrust.authority.TestGateway.writePem;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.RevocationReason;
import io.localtrust.x509.Cert;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlSignerTest {
    @TempDir
    Path tmp;

    @Test
    void listsRevocationsWithReasonsNumbersIncreaseAndOpensslRejectsTheRevokedLeaf() throws Exception {
        Path dir = tmp.resolve("gw");
        TestGateway.init(dir);
        // openssl checks CRL times against the real clock.
        try (Gateway g = Gateway.open(dir, io.localtrust.lint.keys.CompromisedKeys.none(), java.time.Clock.systemUTC(),
                TestGateway.RANDOM)) {
            Cert leaf = g.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of("p.home.arpa"), "t", true)).leaf();
            Cert other = g.authority().issue(new IssuanceRequest(csr(key(), "y"), List.of("q.home.arpa"), "t", true)).leaf();
            CrlSigner.Crl empty = g.crl().sign(g.store().revoked());
            X509CRLHolder e = new X509CRLHolder(empty.der());
            assertThat(e.getRevokedCertificates()).isEmpty();
            assertThat(e.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(new X509CertificateHolder(g.intermediate().der())))).isTrue();
            assertThat(e.getIssuer().toString()).isEqualTo(new X509CertificateHolder(g.intermediate().der()).getSubject().toString());

            g.store().revoke(leaf.serial(), RevocationReason.KEY_COMPROMISE, java.time.Instant.now(), "test");
            g.store().revoke(other.serial(), RevocationReason.UNSPECIFIED, java.time.Instant.now(), "test");
            CrlSigner.Crl crl = g.crl().sign(g.store().revoked());
            assertThat(crl.number()).isGreaterThan(empty.number());
            assertThat(Duration.between(crl.thisUpdate(), crl.nextUpdate())).isEqualTo(CrlSigner.VALIDITY);
            X509CRLHolder h = new X509CRLHolder(crl.der());
            assertThat(number(h)).isEqualTo(crl.number());
            assertThat(h.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
            X509CRLEntryHolder entry = h.getRevokedCertificate(leaf.serial());
            assertThat(CRLReason.getInstance(entry.getExtensions().getExtensionParsedValue(Extension.reasonCode)).getValue().intValue())
                    .isEqualTo(CRLReason.keyCompromise);
            // RFC 5280 §5.3.1: "unspecified" is expressed by leaving the reason code out.
            assertThat(h.getRevokedCertificate(other.serial()).getExtensions()).isNull();

            writePem(tmp.resolve("leaf.pem"), "CERTIFICATE", leaf.der());
            Files.write(tmp.resolve("gw.crl"), crl.der());
            var v = openssl(tmp, "verify", "-crl_check", "-CRLfile", "gw.crl", "-CAfile",
                    dir.resolve("root.pem").toString(), "-untrusted", dir.resolve("intermediate.pem").toString(), "leaf.pem");
            assertThat(v.exit()).isNotZero();
            assertThat(v.output()).contains("certificate revoked");
        }
    }

    private static BigInteger number(X509CRLHolder h) {
        return CRLNumber.getInstance(h.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }
}
