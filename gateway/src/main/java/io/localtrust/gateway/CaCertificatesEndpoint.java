package io.localtrust.gateway;

import io.localtrust.x509.Cert;
import java.nio.charset.StandardCharsets;

/**
 * {@code /ca/root.der}, {@code /ca/root.pem} and {@code /ca/intermediate.der}: what AIA
 * caIssuers points at and what a person installs in a browser. Fixed bytes, made once.
 */
final class CaCertificatesEndpoint {
    static final String DER_TYPE = "application/pkix-cert";
    static final String PEM_TYPE = "application/x-pem-file";

    private CaCertificatesEndpoint() {
    }

    static Routes routes(Cert root, Cert intermediate) {
        Reply rootDer = Reply.ok(DER_TYPE, root.der());
        Reply rootPem = Reply.ok(PEM_TYPE, pem(root));
        Reply intermediateDer = Reply.ok(DER_TYPE, intermediate.der());
        Reply intermediatePem = Reply.ok(PEM_TYPE, pem(intermediate));
        return new Routes()
                .add("GET", "/ca/root.der", c -> rootDer)
                .add("GET", "/ca/root.pem", c -> rootPem)
                .add("GET", "/ca/intermediate.der", c -> intermediateDer)
                .add("GET", "/ca/intermediate.pem", c -> intermediatePem);
    }

    static byte[] pem(Cert c) {
        return c.pem().getBytes(StandardCharsets.US_ASCII);
    }
}
