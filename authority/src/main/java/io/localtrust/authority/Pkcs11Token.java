package io.localtrust.authority;

import io.localtrust.x509.Cert;
import io.localtrust.x509.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.login.LoginException;

/**
 * A PKCS#11 token (an HSM, a smart card, SoftHSM2) reached through the JDK's SunPKCS11
 * provider, configured by a SunPKCS11 configuration file (see docs/pkcs11.md). Keys are
 * generated inside the token and stay there: the JVM holds handles, and signs by asking the
 * token. Every failure becomes one {@link KeyCustodyException} line naming the configuration.
 */
final class Pkcs11Token implements AutoCloseable {
    private static final Pattern LIBRARY = Pattern.compile("(?m)^\\s*library\\s*=\\s*\"?([^\"\\r\\n]*?)\"?\\s*$");
    private static final String SUNPKCS11 = "SunPKCS11";
    static final String WRONG_PIN = "wrong PKCS#11 PIN";

    private final Path config;
    private final Provider provider;
    private final KeyStore keyStore;

    private Pkcs11Token(Path config, Provider provider, KeyStore keyStore) {
        this.config = config;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /** Loads the library named in CONFIG and logs into its token with the PIN. */
    static Pkcs11Token login(Path config, char[] pin) throws KeyCustodyException {
        Path cfg = config.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(cfg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyCustodyException(cfg + ": cannot read the PKCS#11 configuration (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        Matcher m = LIBRARY.matcher(text);
        if (!m.find() || m.group(1).isBlank()) {
            throw new KeyCustodyException(cfg + ": no 'library = /path/to/module.so' line (see docs/pkcs11.md)");
        }
        Path library = Path.of(m.group(1).trim());
        if (!Files.isRegularFile(library)) {
            throw new KeyCustodyException(cfg + ": PKCS#11 library " + library + " is missing"
                    + (library.toString().contains("softhsm") ? " (install the Debian package softhsm2)" : ""));
        }
        Provider base = Security.getProvider(SUNPKCS11);
        if (base == null) {
            throw new KeyCustodyException("this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        Provider provider;
        try {
            provider = base.configure(cfg.toString());
        } catch (RuntimeException e) {
            throw new KeyCustodyException(cfg + ": " + explain(e, "cannot start the PKCS#11 provider"), e);
        }
        KeyStore ks;
        try {
            ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, pin);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(cfg + ": " + explain(e, "cannot log into the token"), e);
        }
        return new Pkcs11Token(cfg, provider, ks);
    }

    /** A one-line reason for a PKCS#11 failure, from the CKR_ code deepest in the chain. */
    static String explain(Throwable e, String fallback) {
        StringBuilder all = new StringBuilder();
        String innermost = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
            if (t.getMessage() != null) {
                innermost = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String s = all.toString();
        if (s.contains("CKR_PIN_INCORRECT") || s.contains("FailedLogin")) {
            return WRONG_PIN;
        }
        if (s.contains("CKR_PIN_LOCKED")) {
            return "the token's PIN is locked (too many wrong PINs)";
        }
        if (s.contains("CKR_PIN_LEN_RANGE")) {
            return "the PKCS#11 PIN has a length the token refuses: wrong PIN";
        }
        if (s.contains("CKR_TOKEN_NOT_RECOGNIZED") || s.contains("CKR_TOKEN_NOT_PRESENT") || s.contains("CKR_SLOT_ID_INVALID")
                || s.contains("Token not present") || s.contains("slotListIndex") || s.contains("Slot ")
                || s.contains("CKR_USER_PIN_NOT_INITIALIZED")) {
            return "no initialised token in the configured slot (check slot/slotListIndex; softhsm2-util --show-slots lists them)";
        }
        if (s.contains("Error parsing") || s.contains("Unrecognized") || s.contains("ConfigurationException")
                || s.contains("Unexpected")) {
            return "not a valid SunPKCS11 configuration (" + innermost + ")";
        }
        if (s.contains("load") && s.contains("library") || s.contains("cannot open shared object")) {
            return "the PKCS#11 library cannot be loaded (" + innermost + ")";
        }
        return fallback + " (" + innermost + ")";
    }

    Path config() {
        return config;
    }

    /** The SunPKCS11 provider bound to this token: sign with it, never with Bouncy Castle. */
    Provider provider() {
        return provider;
    }

    /** Whether the token already holds an entry with this label. */
    boolean holds(String label) throws KeyCustodyException {
        try {
            return keyStore.containsAlias(label);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(config + ": " + explain(e, "cannot list the token's objects"), e);
        }
    }

    /**
     * A new EC key pair made inside the token. What it may do is set by the configuration's
     * {@code attributes(generate, …)} section; a key the token would let out is refused here.
     */
    KeyPair generate(KeyKind kind) throws KeyCustodyException {
        String curve = switch (kind) {
            case EC_P256 -> "secp256r1";
            case EC_P384 -> "secp384r1";
            default -> throw new KeyCustodyException("PKCS#11 CA keys are ec-p256 or ec-p384, not " + kind.name().toLowerCase(java.util.Locale.ROOT));
        };
        KeyPair kp;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
            g.initialize(new ECGenParameterSpec(curve));
            kp = g.generateKeyPair();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(config + ": " + explain(e, "the token cannot generate an " + curve + " key"), e);
        }
        if (kp.getPrivate().getEncoded() != null) {
            throw new KeyCustodyException(config + ": the token made an extractable private key; add to the configuration"
                    + " attributes(generate, CKO_PRIVATE_KEY, *) = { CKA_SENSITIVE = true  CKA_EXTRACTABLE = false }"
                    + " (see docs/pkcs11.md)");
        }
        return kp;
    }

    /** Stores the key under LABEL with its certificate (the token keeps the key as a token object). */
    void store(String label, PrivateKey key, Cert cert) throws KeyCustodyException {
        try {
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert.der()));
            keyStore.setKeyEntry(label, key, null, new X509Certificate[] {x});
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(config + ": " + explain(e, "cannot store the key '" + label + "' in the token"), e);
        }
    }

    /** Removes an entry (used to undo a failed ceremony); best effort. */
    void deleteQuietly(String label) {
        try {
            if (keyStore.containsAlias(label)) {
                keyStore.deleteEntry(label);
            }
        } catch (GeneralSecurityException | RuntimeException ignored) {
            // the ceremony's own error is the one to report
        }
    }

    /**
     * The private key stored under LABEL, checked against the certificate's public key by a
     * signature made in the token and verified outside it.
     */
    SigningKey signingKey(String label, PublicKey expected) throws KeyCustodyException {
        Key key;
        try {
            key = keyStore.getKey(label, null);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(config + ": " + explain(e, "cannot read the key '" + label + "'"), e);
        }
        if (!(key instanceof PrivateKey priv)) {
            throw new KeyCustodyException(config + ": the token holds no private key labelled '" + label
                    + "' (is this the token the gateway was made with?)");
        }
        SigningKey signing = SigningKey.of(priv, expected, provider);
        try {
            byte[] probe = "localtrust key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(signing.signatureAlgorithm(), provider);
            s.initSign(priv);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(signing.signatureAlgorithm(), io.localtrust.x509.BouncyCastle.provider());
            v.initVerify(expected);
            v.update(probe);
            if (!v.verify(sig)) {
                throw new KeyCustodyException(config + ": the key labelled '" + label + "' does not belong to the issuing certificate");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(config + ": " + explain(e, "the key labelled '" + label + "' cannot sign"), e);
        }
        return signing;
    }

    /** Logs out of the token. */
    @Override
    public void close() {
        logout(provider);
    }

    /**
     * Logs out of the token behind PROVIDER, if it is a token's (a {@link SigningKey}'s provider
     * may be Bouncy Castle). The login is the process's, shared by every handle on that token.
     */
    static void logout(Provider provider) {
        try {
            if (provider instanceof AuthProvider auth) {
                auth.logout();
            }
        } catch (LoginException | RuntimeException ignored) {
            // already logged out
        }
    }
}
