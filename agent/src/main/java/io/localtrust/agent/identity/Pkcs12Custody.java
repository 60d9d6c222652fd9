package io.localtrust.agent.identity;

import io.localtrust.x509.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * A key in a PKCS#12 file of the state directory, created 0600 and written atomically
 * ({@link SecretFiles}). The file has no password of its own: on a device that starts unattended
 * any password would sit beside it, so the protection is the file mode, as for the gateway's
 * issuing key; a device with a secure element keeps its key in PKCS#11 instead.
 */
public final class Pkcs12Custody implements KeyCustody {
    private static final char[] NO_PASSWORD = new char[0];
    private final Path file;
    private final String alias;

    public Pkcs12Custody(Path file, String alias) {
        this.file = file;
        this.alias = alias;
    }

    @Override
    public DeviceKey create(SecureRandom random, Instant now) throws IdentityException {
        if (Files.exists(file)) {
            throw new IdentityException(file + " already exists: refusing to replace a device key");
        }
        KeyPair kp = KeyKind.EC_P256.generate(random);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, kp.getPrivate(), NO_PASSWORD,
                    new Certificate[] {Placeholder.of(kp, Optional.empty(), now, random)});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, NO_PASSWORD);
            SecretFiles.writeSecret(file, out.toByteArray());
        } catch (Exception e) {
            throw new IdentityException(file + ": cannot write the key store (" + e.getMessage() + ")", e);
        }
        return new DeviceKey(kp.getPrivate(), kp.getPublic(), Optional.empty(), describe());
    }

    @Override
    public DeviceKey open() throws IdentityException {
        if (!Files.isRegularFile(file)) {
            throw new IdentityException(file + " is missing");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(Files.readAllBytes(file)), NO_PASSWORD);
            if (!(ks.getKey(alias, NO_PASSWORD) instanceof PrivateKey key) || ks.getCertificate(alias) == null) {
                throw new IdentityException(file + " holds no key '" + alias + "'");
            }
            return new DeviceKey(key, ks.getCertificate(alias).getPublicKey(), Optional.empty(), describe());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IdentityException(file + " is damaged: not a readable PKCS#12 key store", e);
        }
    }

    @Override
    public boolean exists() {
        return Files.exists(file);
    }

    @Override
    public void destroy() throws IdentityException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IdentityException(file + ": cannot delete (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String describe() {
        return "PKCS#12 file " + file;
    }
}
