package io.localtrust.agent.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * The device key inside a PKCS#11 token (an HSM, a TPM's PKCS#11 module, SoftHSM2), reached
 * through the JDK's SunPKCS11 provider configured by a SunPKCS11 configuration file (as for the
 * gateway: docs/pkcs11.md). The key is generated in the token and must come out non-extractable
 * (the configuration's {@code attributes(generate, CKO_PRIVATE_KEY, *)}); it is kept under the
 * label {@value #LABEL}. The configured provider is installed in the JVM so that the TLS stack,
 * which picks providers by key, can sign the handshake with the token key.
 */
public final class Pkcs11Custody implements KeyCustody {
    public static final String LABEL = "localtrust-device";
    private final Path config;
    private final char[] pin;
    private Provider provider;
    private KeyStore keyStore;

    public Pkcs11Custody(Path config, char[] pin) {
        this.config = config.toAbsolutePath().normalize();
        this.pin = pin.clone();
    }

    private synchronized KeyStore token() throws IdentityException {
        if (keyStore != null) {
            return keyStore;
        }
        if (!Files.isRegularFile(config)) {
            throw new IdentityException(config + ": no such PKCS#11 configuration file");
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new IdentityException("this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        try {
            provider = base.configure(config.toString());
        } catch (RuntimeException e) {
            throw new IdentityException(config + ": cannot start the PKCS#11 provider (" + innermost(e) + ")", e);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, pin);
            if (Security.getProvider(provider.getName()) == null) {
                Security.addProvider(provider);
            }
            keyStore = ks;
            return ks;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String why = innermost(e);
            throw new IdentityException(config + ": " + (why.contains("CKR_PIN_INCORRECT") ? "wrong PKCS#11 PIN"
                    : "cannot log into the token (" + why + ")"), e);
        }
    }

    @Override
    public DeviceKey create(SecureRandom random, Instant now) throws IdentityException {
        KeyStore ks = token();
        if (exists()) {
            throw new IdentityException(config + ": the token already holds '" + LABEL + "': refusing to replace a device key");
        }
        KeyPair kp;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            kp = g.generateKeyPair();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IdentityException(config + ": the token cannot generate a P-256 key (" + innermost(e) + ")", e);
        }
        if (kp.getPrivate().getEncoded() != null) {
            throw new IdentityException(config + ": the token made an extractable private key; add"
                    + " attributes(generate, CKO_PRIVATE_KEY, *) = { CKA_SENSITIVE = true  CKA_EXTRACTABLE = false }");
        }
        try {
            ks.setKeyEntry(LABEL, kp.getPrivate(), null,
                    new Certificate[] {Placeholder.of(kp, Optional.of(provider), now, random)});
        } catch (Exception e) {
            throw new IdentityException(config + ": cannot store the device key in the token (" + innermost(e) + ")", e);
        }
        return new DeviceKey(kp.getPrivate(), kp.getPublic(), Optional.of(provider), describe());
    }

    @Override
    public DeviceKey open() throws IdentityException {
        KeyStore ks = token();
        try {
            if (!(ks.getKey(LABEL, null) instanceof PrivateKey key) || ks.getCertificate(LABEL) == null) {
                throw new IdentityException(config + ": the token holds no device key '" + LABEL + "'");
            }
            return new DeviceKey(key, ks.getCertificate(LABEL).getPublicKey(), Optional.of(provider), describe());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IdentityException(config + ": cannot read the device key from the token (" + innermost(e) + ")", e);
        }
    }

    @Override
    public boolean exists() throws IdentityException {
        try {
            return token().containsAlias(LABEL);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(config + ": cannot list the token's objects (" + innermost(e) + ")", e);
        }
    }

    @Override
    public void destroy() throws IdentityException {
        try {
            if (exists()) {
                token().deleteEntry(LABEL);
            }
        } catch (GeneralSecurityException e) {
            throw new IdentityException(config + ": cannot delete the device key (" + innermost(e) + ")", e);
        }
    }

    @Override
    public String describe() {
        return "PKCS#11 token (" + config + ", label " + LABEL + ")";
    }

    private static String innermost(Throwable e) {
        String m = String.valueOf(e.getMessage());
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                m = t.getMessage();
            }
        }
        return m;
    }
}
