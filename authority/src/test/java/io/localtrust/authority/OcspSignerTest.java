package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static io.localtrust.authority.TestGateway.openssl;
import static io.localtrust.authority.TestGateway.writePem;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.RevocationReason;
import io.localtrust.x509.Cert;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcspSignerTest {
    @TempDir
    Path tmp;

    @Test
    void goodThenRevokedThenUnknownAndOpensslAgrees() throws Exception {
        Path dir = tmp.resolve("gw");
        TestGateway.init(dir);
        // openssl judges a response's times against the real clock (-attime does not apply to
        // them), so this gateway signs with the system clock.
        try (Gateway g = Gateway.open(dir, io.localtrust.lint.keys.CompromisedKeys.none(), java.time.Clock.systemUTC(),
                TestGateway.RANDOM)) {
            Cert leaf = g.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of("p.home.arpa"), "t", true)).leaf();
            byte[] good = g.ocsp().respond(leaf.serial());
            OcspStatus s = OcspResponses.read(good, leaf, g.intermediate());
            assertThat(s.status()).isEqualTo(OcspStatus.Status.GOOD);
            assertThat(s.signatureValid()).isTrue();
            assertThat(s.isFreshAt(java.time.Instant.now())).isTrue();

            writePem(tmp.resolve("leaf.pem"), "CERTIFICATE", leaf.der());
            Files.write(tmp.resolve("good.der"), good);
            var check = openssl(tmp, "ocsp", "-respin", "good.der", "-issuer", dir.resolve("intermediate.pem").toString(),
                    "-CAfile", dir.resolve("root.pem").toString(), "-cert", "leaf.pem");
            assertThat(check.output()).contains("Response verify OK", "leaf.pem: good");

            g.store().revoke(leaf.serial(), RevocationReason.KEY_COMPROMISE, java.time.Instant.now(), "test");
            byte[] revoked = g.ocsp().respond(leaf.serial());
            OcspStatus r = OcspResponses.read(revoked, leaf, g.intermediate());
            assertThat(r.status()).isEqualTo(OcspStatus.Status.REVOKED);
            assertThat(r.revocationReason()).hasValueSatisfying(x -> assertThat(x).contains("keyCompromise"));
            Files.write(tmp.resolve("revoked.der"), revoked);
            var check2 = openssl(tmp, "ocsp", "-respin", "revoked.der", "-issuer", dir.resolve("intermediate.pem").toString(),
                    "-CAfile", dir.resolve("root.pem").toString(), "-cert", "leaf.pem");
            assertThat(check2.output()).contains("leaf.pem: revoked", "Reason: keyCompromise");

            byte[] unknown = g.ocsp().respond(new BigInteger("123456789abcdef", 16));
            assertThat(unknown).isNotEmpty();
            var parsed = new org.bouncycastle.cert.ocsp.OCSPResp(unknown);
            var basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp) parsed.getResponseObject();
            assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
        }
    }
}
