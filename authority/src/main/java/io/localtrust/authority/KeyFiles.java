package io.localtrust.authority;

import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.Cert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Key custody on disk.
 *
 * <ul>
 *   <li>The root key: PKCS#12, key and certificate bags encrypted with PBES2 (AES-256-CBC,
 *       PBKDF2 with HMAC-SHA-256, {@value #ITERATIONS} iterations), MAC HMAC-SHA-256 — never
 *       written in clear. Only root operations need it; it can be moved offline after init.</li>
 *   <li>The issuing intermediate's key: PKCS#8 in an owner-only (0600) file, so that the gateway
 *       restarts unattended (DESIGN.md: the online key).</li>
 * </ul>
 * Keys come back as Bouncy Castle key objects: a BC signer fed a SunEC key is ~3× slower.
 */
final class KeyFiles {
    static final int ITERATIONS = 600_000;
    private static final String ALIAS = "root";

    private KeyFiles() {
    }

    static void writeRootKey(Path file, KeyPair key, Cert root, char[] passphrase, SecureRandom random)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.der()));
        // the JDK's keystore insists the key's algorithm name matches the certificate's ("EdDSA", not BC's "Ed25519")
        PrivateKey jdkKey = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(key.getPrivate().getEncoded()));
        ks.setEntry(ALIAS, new KeyStore.PrivateKeyEntry(jdkKey, new Certificate[] {cert}),
                new KeyStore.PasswordProtection(passphrase, "PBEWithHmacSHA256AndAES_256",
                        new PBEParameterSpec(salt, ITERATIONS)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, passphrase);
        SecureFiles.writeSecret(file, out.toByteArray());
    }

    static KeyPair readRootKey(Path file, char[] passphrase) throws KeyCustodyException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, passphrase);
            PrivateKey jdkKey = (PrivateKey) ks.getKey(ALIAS, passphrase);
            Certificate cert = ks.getCertificate(ALIAS);
            if (jdkKey == null || cert == null) {
                throw new KeyCustodyException(file + ": holds no root key");
            }
            return new KeyPair(toBcPublic(cert.getPublicKey().getEncoded()), toBcPrivate(jdkKey.getEncoded()));
        } catch (NoSuchFileException e) {
            throw new KeyCustodyException(file + ": no such file (has the root key been moved offline?)");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new KeyCustodyException(file + ": wrong passphrase");
            }
            throw new KeyCustodyException(file + ": not a readable PKCS#12 key file (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException(file + ": wrong passphrase or damaged key file");
        }
    }

    static void writeIntermediateKey(Path file, KeyPair key) throws IOException {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(new PemObject("PRIVATE KEY", key.getPrivate().getEncoded()));
        }
        SecureFiles.writeSecret(file, sw.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static PrivateKey readIntermediateKey(Path file) throws KeyCustodyException {
        try (PEMParser p = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            Object o = p.readObject();
            if (!(o instanceof PrivateKeyInfo info)) {
                throw new KeyCustodyException(file + ": not a PKCS#8 private key");
            }
            return toBcPrivate(info.getEncoded());
        } catch (NoSuchFileException e) {
            throw new KeyCustodyException(file + ": no such file: the issuing key is missing");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(file + ": damaged issuing key file");
        }
    }

    /** Whether the private key signs what the public key verifies (signed through the key's own provider). */
    static boolean matches(SigningKey key) throws KeyCustodyException {
        try {
            byte[] probe = "localtrust key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance(key.signatureAlgorithm(), key.provider());
            s.initSign(key.privateKey());
            s.update(probe);
            byte[] sig = s.sign();
            java.security.Signature v = java.security.Signature.getInstance(key.signatureAlgorithm(), BouncyCastle.provider());
            v.initVerify(key.publicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static PrivateKey toBcPrivate(byte[] pkcs8) throws GeneralSecurityException {
        String alg = algorithmOf(PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm().getId());
        return KeyFactory.getInstance(alg, BouncyCastle.provider()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    static PublicKey toBcPublic(byte[] spki) throws GeneralSecurityException {
        String alg = algorithmOf(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki).getAlgorithm()
                .getAlgorithm().getId());
        return KeyFactory.getInstance(alg, BouncyCastle.provider()).generatePublic(new X509EncodedKeySpec(spki));
    }

    private static String algorithmOf(String oid) {
        return switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.3.101.112" -> "Ed25519";
            default -> "EC";
        };
    }
}
