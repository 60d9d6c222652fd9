package io.localtrust.ladder;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * openssl's OCSP responder ({@code openssl ocsp -index}) answering the requests a
 * {@link RevocationServer} path receives (POST bodies and RFC 6960 GET paths): the status comes from
 * an openssl CA index file the test writes; the response is signed by the key the test names. The
 * HTTP side is ours only so that it listens on loopback ({@code openssl ocsp -port} binds every
 * interface).
 */
final class OpensslResponder implements RevocationServer.Answer {
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final AtomicInteger seq = new AtomicInteger();
    private final StringBuilder index = new StringBuilder();
    private String signerArgs = "signer";
    private int minutes = 60;
    private boolean byKey;

    /** A responder for certificates issued by {@code issuer}, signing with the issuer's key. */
    OpensslResponder(Path dir, Made issuer) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("ca.pem"), issuer.cert().pem());
        writeSigner(issuer);
        Files.writeString(dir.resolve("index.txt"), "");
    }

    /** Signs with another key (a forger's): the response is not the issuer's. */
    OpensslResponder signedBy(Made signer) throws IOException {
        writeSigner(signer);
        return this;
    }

    /** The ResponderID is the signer's key hash ({@code -resp_key_id}), not its name. */
    OpensslResponder byKey() {
        this.byKey = true;
        return this;
    }

    /** nextUpdate this many minutes after thisUpdate ({@code -nmin}). */
    OpensslResponder validFor(int mins) {
        this.minutes = mins;
        return this;
    }

    OpensslResponder valid(Cert cert) throws IOException {
        index.append("V\t").append(INDEX_TIME.format(cert.notAfter())).append("\t\t").append(hex(cert.serial()))
                .append("\tunknown\t/CN=x\n");
        Files.writeString(dir.resolve("index.txt"), index);
        return this;
    }

    OpensslResponder revoked(Cert cert, Instant when) throws IOException {
        index.append("R\t").append(INDEX_TIME.format(cert.notAfter())).append('\t').append(INDEX_TIME.format(when))
                .append(",keyCompromise\t").append(hex(cert.serial())).append("\tunknown\t/CN=x\n");
        Files.writeString(dir.resolve("index.txt"), index);
        return this;
    }

    private void writeSigner(Made signer) throws IOException {
        Files.writeString(dir.resolve("signer.pem"), signer.cert().pem());
        Files.writeString(dir.resolve("signer.key"), TestCerts.pem("PRIVATE KEY", signer.keyPair().getPrivate().getEncoded()));
    }

    @Override
    public byte[] answer(byte[] body, String path) throws Exception {
        byte[] request = body;
        if (request.length == 0) {
            String encoded = path.substring(path.lastIndexOf('/') + 1);
            request = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII));
        }
        int n = seq.incrementAndGet();
        Path req = dir.resolve("req-" + n + ".der");
        Path resp = dir.resolve("resp-" + n + ".der");
        Files.write(req, request);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("openssl", "ocsp", "-index", "index.txt",
                "-CA", "ca.pem", "-rsigner", signerArgs + ".pem", "-rkey", signerArgs + ".key", "-reqin",
                req.getFileName().toString(), "-respout", resp.getFileName().toString(), "-nmin", Integer.toString(minutes)));
        if (byKey) {
            cmd.add("-resp_key_id");
        }
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("openssl-" + n + ".log").toFile())
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("openssl ocsp failed: " + Files.readString(dir.resolve("openssl-" + n + ".log")));
        }
        return Files.readAllBytes(resp);
    }

    private static String hex(BigInteger serial) {
        String h = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        return h.length() % 2 == 0 ? h : "0" + h;
    }
}
