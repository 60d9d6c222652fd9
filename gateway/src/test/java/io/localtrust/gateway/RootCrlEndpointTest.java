package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.authority.RootOperations;
import io.localtrust.store.RevocationReason;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /crl/root.crl}: the root's CRL, as signed at init and by a root operation made from the shell. */
class RootCrlEndpointTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

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

    private Path fetch(String path, String file) throws Exception {
        HttpResponse<byte[]> r = g.get(path);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/pkix-crl");
        Path out = tmp.resolve(file);
        Files.write(out, r.body());
        return out;
    }

    private TestGateways.Run verifyAll(Path untrusted, Path... crls) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("verify", "-crl_check_all",
                "-CAfile", g.dir.resolve("root.pem").toString(), "-untrusted", untrusted.toString()));
        for (Path c : crls) {
            args.addAll(java.util.List.of("-CRLfile", c.toString()));
        }
        args.add("leaf.pem");
        return TestGateways.openssl(tmp, args.toArray(String[]::new));
    }

    @Test
    void servesTheRootCrlAndARevocationMadeFromTheShellWithoutARestart() throws Exception {
        Path rootCrl = fetch("crl/root.crl", "root.crl");
        assertThat(Files.readAllBytes(rootCrl)).isEqualTo(Files.readAllBytes(g.dir.resolve("root.crl")));
        Path issuingCrl = fetch("crl/intermediate.crl", "intermediate.crl");
        var ok = verifyAll(g.dir.resolve("intermediate.pem"), rootCrl, issuingCrl);
        assertThat(ok.exit()).as(ok.output()).isZero();

        // from the shell, while the server runs: replace the issuing CA, then revoke the replaced one (the running one)
        RootOperations ops = new RootOperations(TestGateways.CLOCK, TestGateways.RANDOM);
        RootOperations.NewIntermediate made = ops.newIntermediate(g.dir, null, PASSPHRASE, "cli:test");
        ops.revokeIntermediate(g.dir, null, PASSPHRASE, null, RevocationReason.KEY_COMPROMISE, "cli:test");

        Path revoked = fetch("crl/root.crl", "root-2.crl");
        assertThat(new X509CRLHolder(Files.readAllBytes(revoked)).getRevokedCertificate(made.previous().serial())).isNotNull();
        var rejected = verifyAll(made.previousKept(), revoked, issuingCrl);
        assertThat(rejected.exit()).isNotZero();
        assertThat(rejected.output()).contains("certificate revoked");
    }

    @Test
    void aGatewayWithoutRootCrlAnswers404() throws Exception {
        Files.delete(g.dir.resolve("root.crl"));
        assertThat(g.get("crl/root.crl").statusCode()).isEqualTo(404);
    }
}
