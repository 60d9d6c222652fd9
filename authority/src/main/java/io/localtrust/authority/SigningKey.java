package io.localtrust.authority;

import io.localtrust.x509.BouncyCastle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA private key together with the JCA provider that signs with it: Bouncy Castle for a key
 * read from a file (a BC signer fed a non-BC key is ~3x slower), or the SunPKCS11 provider of
 * the token that holds a key which never leaves it. Certificates, OCSP responses and CRLs are
 * signed through {@link #contentSigner}, so no signing code needs to know where the key lives.
 *
 * @param privateKey         the key (for a token key: a handle; {@code getEncoded()} is null)
 * @param publicKey          its public half (a Bouncy Castle key, from the certificate or generator)
 * @param provider           the provider whose {@code Signature} uses {@code privateKey}
 * @param signatureAlgorithm JCA name, chosen from the public key (a token's private key does not
 *                           say which curve it is on)
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, Provider provider, String signatureAlgorithm) {
    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    }

    /** A key held by this provider; the signature algorithm follows the public key. */
    public static SigningKey of(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        return new SigningKey(privateKey, publicKey, provider, io.localtrust.x509.SignatureAlgorithms.forKey(publicKey));
    }

    /** A key in memory, signed with Bouncy Castle (the file-based custody). */
    public static SigningKey bouncyCastle(PrivateKey privateKey, PublicKey publicKey) {
        return of(privateKey, publicKey, BouncyCastle.provider());
    }

    /** A fresh signer (one per signature: signers are not thread-safe). */
    public ContentSigner contentSigner(SecureRandom random) throws OperatorCreationException {
        return new JcaContentSignerBuilder(signatureAlgorithm).setProvider(provider).setSecureRandom(random).build(privateKey);
    }

    /**
     * Signs {@code data} with this key, through its provider (in the token, for a token key): what
     * {@link #contentSigner} does, without Bouncy Castle's operator layer around it.
     */
    public byte[] sign(byte[] data, SecureRandom random) throws GeneralSecurityException {
        Signature s = Signature.getInstance(signatureAlgorithm, provider);
        s.initSign(privateKey, random);
        s.update(data);
        return s.sign();
    }

    /**
     * This key, signing through {@code faster} when that provider can take it: a key in memory (a
     * file key; never a token's, which stays in the token) is imported into it once, and kept only
     * if a test signature made through it verifies with the public key under Bouncy Castle.
     * Otherwise — a key type the provider lacks (Ed25519 for Conscrypt 2.5), an import or a test
     * that fails — this key, unchanged.
     */
    public SigningKey preferring(Provider faster, SecureRandom random) {
        String keyType = switch (publicKey.getAlgorithm()) {
            case "EC", "ECDSA" -> "EC";
            case "RSA" -> "RSA";
            default -> null;
        };
        if (keyType == null || !extractable() || provider.equals(faster)) {
            return this;
        }
        byte[] pkcs8 = privateKey.getEncoded();
        try {
            PrivateKey imported = KeyFactory.getInstance(keyType, faster).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            SigningKey candidate = new SigningKey(imported, publicKey, faster, signatureAlgorithm);
            byte[] probe = "localtrust signing key self-test".getBytes(StandardCharsets.US_ASCII);
            Signature check = Signature.getInstance(signatureAlgorithm, BouncyCastle.provider());
            check.initVerify(publicKey);
            check.update(probe);
            return check.verify(candidate.sign(probe, random)) ? candidate : this;
        } catch (GeneralSecurityException | RuntimeException e) {
            return this;
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** True when the key material can be read out (a file key); false for a sensitive token key. */
    public boolean extractable() {
        return privateKey.getEncoded() != null;
    }

    @Override
    public String toString() {
        return "SigningKey[" + signatureAlgorithm + " via " + provider.getName() + (extractable() ? "" : ", not extractable") + "]";
    }
}
