package io.localtrust.authority;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code gateway init}: makes the root and issuing keys, the name-constrained root and
 * intermediate certificates, the admin token, the configuration and an empty store.
 *
 * <p>All-or-nothing: everything is written into a fresh sibling directory and moved into place
 * with one atomic rename, so a failure (a wrong argument, a full disk, a kill) leaves no
 * half-made CA. An existing CA is never overwritten.
 */
public final class KeyCeremony {
    /** Shortest root passphrase accepted. */
    public static final int MIN_PASSPHRASE = 12;

    private final Clock clock;
    private final SecureRandom random;

    public KeyCeremony(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** What the ceremony made. The admin token is shown once and stored only as a hash. */
    public record Result(GatewayFiles files, GatewayConfig config, Cert root, Cert intermediate, String adminToken) {
        @Override
        public String toString() {
            return "KeyCeremony.Result[" + files.dir() + ", root=" + root.fingerprints().sha256() + "]";
        }
    }

    /**
     * Runs the ceremony.
     *
     * @param secret for keys in files, the root key's passphrase; for keys in a PKCS#11 token
     *               ({@link CeremonySpec#custody()}), the token's user PIN
     */
    public Result perform(CeremonySpec spec, char[] secret) throws KeyCustodyException {
        KeyCustody custody = spec.custody();
        if (!custody.inToken() && secret.length < MIN_PASSPHRASE) {
            throw new KeyCustodyException("the root key passphrase must be at least " + MIN_PASSPHRASE + " characters");
        }
        Path dir = spec.dir().toAbsolutePath().normalize();
        refuseExisting(dir);
        try (Pkcs11Token token = custody.inToken() ? Pkcs11Token.login(custody.pkcs11Config(), secret) : null) {
            if (token != null) {
                for (String label : new String[] {custody.rootLabel(), custody.issuingLabel()}) {
                    if (token.holds(label)) {
                        throw new KeyCustodyException(token.config() + ": the token already holds '" + label
                                + "' (another gateway's key?): refusing to overwrite it");
                    }
                }
            }
            return perform(spec, secret, dir, token);
        }
    }

    private Result perform(CeremonySpec spec, char[] secret, Path dir, Pkcs11Token token) throws KeyCustodyException {
        Path parent = dir.getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".init-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new KeyCustodyException("cannot create " + dir + ": " + e.getMessage());
        }
        List<String> stored = new ArrayList<>();
        try {
            Result r = build(spec, secret, new GatewayFiles(tmp), token, stored);
            refuseExisting(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Result(new GatewayFiles(dir), r.config(), r.root(), r.intermediate(), r.adminToken());
        } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException | FileAlreadyExistsException e) {
            undo(tmp, token, stored);
            throw new KeyCustodyException(dir + " appeared while the ceremony ran: refusing to overwrite it");
        } catch (IOException | GeneralSecurityException | StoreException e) {
            undo(tmp, token, stored);
            throw new KeyCustodyException("gateway init failed, nothing was created: " + e.getMessage(), e);
        } catch (KeyCustodyException | RuntimeException e) {
            undo(tmp, token, stored);
            throw e;
        }
    }

    /** A failed ceremony leaves nothing: no directory, and no labelled keys in the token. */
    private static void undo(Path tmp, Pkcs11Token token, List<String> stored) {
        deleteTree(tmp);
        if (token != null) {
            stored.forEach(token::deleteQuietly);
        }
    }

    private Result build(CeremonySpec spec, char[] passphrase, GatewayFiles files, Pkcs11Token hsm, List<String> stored)
            throws IOException, GeneralSecurityException, StoreException, KeyCustodyException {
        Instant now = clock.instant();
        byte[] tokenBytes = new byte[32];
        random.nextBytes(tokenBytes);
        String token = "lt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
        GatewayConfig config = new GatewayConfig(spec.name(), spec.names(), spec.keyKind(), spec.leafLifetime(),
                spec.baseUrl(), AdminTokens.hash(token), now, spec.localDeviceEku(), spec.lapsedDevices());
        Cert root;
        Cert intermediate;
        if (hsm == null) {
            KeyPair rootKey = spec.keyKind().generate(random);
            KeyPair issuingKey = spec.keyKind().generate(random);
            SigningKey rootSigner = SigningKey.bouncyCastle(rootKey.getPrivate(), rootKey.getPublic());
            root = CaCertificates.root(config, rootSigner, now, random);
            intermediate = CaCertificates.intermediate(config, root, rootSigner, issuingKey.getPublic(), now, random);
            KeyFiles.writeRootKey(files.rootKey(), rootKey, root, passphrase, random);
            SecureFiles.writePublic(files.rootCrl(), RootOperations.rootCrl(root, rootSigner, null, null, now, random));
            KeyFiles.writeIntermediateKey(files.intermediateKey(), issuingKey);
        } else {
            // made inside the token, signed by the token, stored in it under labels: never on disk
            KeyCustody custody = spec.custody();
            KeyPair rootKey = hsm.generate(spec.keyKind());
            KeyPair issuingKey = hsm.generate(spec.keyKind());
            SigningKey rootSigner = SigningKey.of(rootKey.getPrivate(), KeyFiles.toBcPublic(rootKey.getPublic().getEncoded()),
                    hsm.provider());
            PublicKey issuingPublic = KeyFiles.toBcPublic(issuingKey.getPublic().getEncoded());
            root = CaCertificates.root(config, rootSigner, now, random);
            intermediate = CaCertificates.intermediate(config, root, rootSigner, issuingPublic, now, random);
            stored.add(custody.rootLabel());
            hsm.store(custody.rootLabel(), rootKey.getPrivate(), root);
            stored.add(custody.issuingLabel());
            hsm.store(custody.issuingLabel(), issuingKey.getPrivate(), intermediate);
            hsm.signingKey(custody.issuingLabel(), issuingPublic); // found again by label, and it signs
            SecureFiles.writePublic(files.rootCrl(), RootOperations.rootCrl(root, rootSigner, null, null, now, random));
        }
        SecureFiles.writePublic(files.rootPem(), root.pem().getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(files.rootDer(), root.der());
        SecureFiles.writePublic(files.intermediatePem(), intermediate.pem().getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(files.config(), ConfigJson.write(config, spec.custody()));
        try (GatewayStore store = GatewayStores.create(files.dir())) {
            store.append(now, "cli:init", "init", "root " + root.fingerprints().sha256(),
                    "gateway '" + config.name() + "' created; permitted: " + config.names().describe()
                    + "; CA keys: " + spec.custody());
        }
        return new Result(files, config, root, intermediate, token);
    }

    private static void refuseExisting(Path dir) throws KeyCustodyException {
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.exists(dir.resolve("gateway.json")) || Files.exists(dir.resolve("root-key.p12"))) {
            throw new KeyCustodyException(dir + " already holds a gateway CA: refusing to overwrite it");
        }
        if (!Files.isDirectory(dir)) {
            throw new KeyCustodyException(dir + " exists and is not a directory");
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                throw new KeyCustodyException(dir + " is not empty: give a new or empty directory");
            }
        } catch (IOException e) {
            throw new KeyCustodyException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    /** "AB:CD:…" SHA-256, as browsers show a certificate fingerprint. */
    public static String colonFingerprint(Cert c) {
        String hex = HexFormat.of().withUpperCase().formatHex(Digests.sha256(c.der()));
        return String.join(":", hex.split("(?<=\\G..)"));
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover hidden temp directory holds no usable CA and is named as such
        }
    }
}
