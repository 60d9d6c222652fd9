package io.localtrust.x509;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** Key types localtrust generates, with the signature algorithm each signs with by default. */
public enum KeyKind {
    EC_P256("EC", "SHA256withECDSA"),
    EC_P384("EC", "SHA384withECDSA"),
    ED25519("Ed25519", "Ed25519"),
    RSA_2048("RSA", "SHA256withRSA"),
    RSA_3072("RSA", "SHA256withRSA"),
    /** Weak on purpose: for samples of what the linter must flag. */
    RSA_1024("RSA", "SHA256withRSA");

    private final String jcaAlgorithm;
    private final String defaultSignature;

    KeyKind(String jcaAlgorithm, String defaultSignature) {
        this.jcaAlgorithm = jcaAlgorithm;
        this.defaultSignature = defaultSignature;
    }

    public String defaultSignatureAlgorithm() {
        return defaultSignature;
    }

    /** Generates a fresh key pair as Bouncy Castle key objects (fast with BC signers). */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(jcaAlgorithm, BouncyCastle.provider());
            switch (this) {
                case EC_P256 -> g.initialize(new ECGenParameterSpec("secp256r1"), random);
                case EC_P384 -> g.initialize(new ECGenParameterSpec("secp384r1"), random);
                case RSA_2048 -> g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
                case RSA_3072 -> g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), random);
                case RSA_1024 -> g.initialize(new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4), random);
                case ED25519 -> g.initialize(255, random);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + this + " key", e);
        }
    }
}
