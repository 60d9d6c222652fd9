package io.localtrust.cli;

import io.localtrust.x509.Cert;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes certificates and other inputs into a test's temporary directory. */
record CertFiles(Path dir) {

    /** The certificates as consecutive PEM CERTIFICATE blocks (64-column base64, as openssl writes). */
    Path pem(String name, Cert... certs) {
        return text(name, TestCerts.pem(certs));
    }

    /** One certificate as raw DER. */
    Path der(String name, Cert cert) {
        return bytes(name, cert.der());
    }

    Path text(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path bytes(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain list holding one SPKI SHA-256 per line, as --compromised-keys reads it. */
    Path spkiList(String name, Cert... certs) {
        StringBuilder sb = new StringBuilder("# leaked firmware keys\n");
        for (Cert c : certs) {
            sb.append(c.fingerprints().spkiSha256()).append('\n');
        }
        return text(name, sb.toString());
    }

    /** A House-of-Keys-style CSV naming the certificates' keys, with a vendor column. */
    Path houseOfKeysCsv(String name, String vendor, Cert... certs) {
        StringBuilder sb = new StringBuilder("kind,cert_sha256,spki_sha256,subject,issuer,vendors\n");
        for (Cert c : certs) {
            sb.append("certificate,").append(c.fingerprints().sha256()).append(',')
                    .append(c.fingerprints().spkiSha256()).append(",\"").append(c.subject().replace("\"", "\"\""))
                    .append("\",\"").append(c.issuer().replace("\"", "\"\"")).append("\",").append(vendor).append('\n');
        }
        return text(name, sb.toString());
    }
}
