package io.localtrust.authority;

import java.nio.file.Path;

/**
 * The layout of a gateway directory. One place names every file, so nothing else builds paths.
 *
 * <pre>
 * gateway.json           settings (no secrets: the admin token only as a hash)
 * root.pem, root.der     the root certificate, for browsers and trust stores
 * intermediate.pem       the issuing CA certificate
 * root-key.p12           the root key, PKCS#12 PBES2/AES-256 (may be moved offline)
 * intermediate-key.pem   the issuing key, PKCS#8, 0600
 * root.crl               the root's CRL (DER), signed at init and by revoke-intermediate
 * intermediate-SERIAL.pem, intermediate-SERIAL-key.pem
 *                        an issuing CA replaced by new-intermediate (the key until it is revoked)
 * gateway.db             the SQLite store (unless PostgreSQL is used)
 * pairing-secret.key     what pairing keys (External Account Binding) are derived from, 0600; made at the first pairing
 * </pre>
 */
public record GatewayFiles(Path dir) {
    public Path config() {
        return dir.resolve("gateway.json");
    }

    public Path rootPem() {
        return dir.resolve("root.pem");
    }

    public Path rootDer() {
        return dir.resolve("root.der");
    }

    public Path intermediatePem() {
        return dir.resolve("intermediate.pem");
    }

    public Path rootKey() {
        return dir.resolve("root-key.p12");
    }

    public Path intermediateKey() {
        return dir.resolve("intermediate-key.pem");
    }

    /** The secret pairing keys are derived from (32 bytes, 0600), made at the first {@code gateway pair}. */
    public Path pairingSecret() {
        return dir.resolve("pairing-secret.key");
    }

    /** The root's CRL (DER): which issuing CAs the root has revoked. */
    public Path rootCrl() {
        return dir.resolve("root.crl");
    }

    /** A replaced issuing CA's certificate, by its serial (lower-case hex). */
    public Path retiredIntermediatePem(java.math.BigInteger serial) {
        return dir.resolve("intermediate-" + serial.toString(16) + ".pem");
    }

    /** A replaced issuing CA's key (0600), kept until that CA is revoked. */
    public Path retiredIntermediateKey(java.math.BigInteger serial) {
        return dir.resolve("intermediate-" + serial.toString(16) + "-key.pem");
    }
}
