package io.localtrust.authority;

import io.localtrust.lint.Linter;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An opened gateway directory: its configuration, CA certificates, the issuing key (never the
 * root key) and the store, wired into an {@link Authority}; and the {@link IssuingCa}s it
 * answers OCSP and CRLs for (the current one and the replaced ones still in use). Opening
 * checks that the pieces belong together and refuses to start otherwise: a wrong or damaged
 * file is reported, never silently replaced.
 */
public final class Gateway implements AutoCloseable {
    private final GatewayFiles files;
    private final GatewayConfig config;
    private final Cert root;
    private final Cert intermediate;
    private final GatewayStore store;
    private final Authority authority;
    private final List<IssuingCa> issuers;
    private final SigningKey issuingSigner;
    private final Pairings pairings;

    private Gateway(GatewayFiles files, GatewayConfig config, Cert root, Cert intermediate, GatewayStore store,
                    Authority authority, SigningKey issuingSigner, List<IssuingCa> issuers, Pairings pairings) {
        this.issuingSigner = issuingSigner;
        this.pairings = pairings;
        this.issuers = List.copyOf(issuers);
        this.files = files;
        this.config = config;
        this.root = root;
        this.intermediate = intermediate;
        this.store = store;
        this.authority = authority;
    }

    /** Opens DIR with its SQLite store. */
    public static Gateway open(Path dir, CompromisedKeys compromised, Clock clock, SecureRandom random)
            throws KeyCustodyException {
        return open(dir, null, compromised, clock, random);
    }

    /**
     * Opens DIR; with a JDBC URL the store is that PostgreSQL database instead of DIR/gateway.db.
     */
    public static Gateway open(Path dir, String jdbcUrl, CompromisedKeys compromised, Clock clock, SecureRandom random)
            throws KeyCustodyException {
        GatewayFiles files = new GatewayFiles(dir.toAbsolutePath().normalize());
        GatewayConfig config = ConfigJson.read(files.config());
        RootOperations.finishSwitch(files); // an interrupted `gateway new-intermediate` is finished, never half-seen
        Cert root = readOne(files.rootPem());
        Cert intermediate = readOne(files.intermediatePem());
        if (!root.issued(intermediate) || !intermediate.ca()) {
            throw new KeyCustodyException(files.intermediatePem() + " was not issued by " + files.rootPem());
        }
        // the issuing key, checked against intermediate.pem: from intermediate-key.pem (signed with BC), or
        // from the PKCS#11 token gateway.json names (signed by the token through its SunPKCS11 provider)
        // and the kept keys of the replaced issuing CAs the root has not revoked: their certificates still get OCSP and CRLs
        List<Cert> retired = new ArrayList<>(RootOperations.retired(files));
        retired.removeIf(c -> c.serial().equals(intermediate.serial()) || !root.issued(c));
        if (!retired.isEmpty()) { // root.crl is read (its signature checked) only when it decides something
            Set<BigInteger> revokedByRoot = RootOperations.revokedByRoot(files, root);
            retired.removeIf(c -> revokedByRoot.contains(c.serial()));
        }
        KeyCustody.IssuingKeys keys = ConfigJson.readCustody(files.config()).issuingKeys(files, intermediate, retired, System.getenv());
        SigningKey issuingSigner = keys.current();
        PublicKey issuingPublic = issuingSigner.publicKey();
        GatewayStore store;
        try {
            store = jdbcUrl == null ? GatewayStores.open(files.dir()) : GatewayStores.open(jdbcUrl);
        } catch (StoreException e) {
            Pkcs11Token.logout(issuingSigner.provider());
            throw new KeyCustodyException(e.getMessage(), e);
        }
        CompromisedKeys allLists = new CompromisedKeys.Builder().addAll(compromised)
                .addAll(keyListsIn(files.dir().resolve("compromised-keys"))).build();
        Authority authority = new Authority(config, intermediate, new LeafProfile(config, intermediate, issuingPublic, issuingSigner),
                new KeyPolicy(allLists), store, Linter.standard(), clock, random);
        List<IssuingCa> issuers = new ArrayList<>();
        issuers.add(issuingCa(store, intermediate, issuingSigner, true, clock, random));
        for (Cert c : retired.reversed()) { // newest replaced first
            SigningKey k = keys.retired().get(c.serial());
            if (k != null) {
                issuers.add(issuingCa(store, c, k, false, clock, random));
            }
        }
        return new Gateway(files, config, root, intermediate, store, authority, issuingSigner, issuers,
                new Pairings(store, config.names(), files, clock, random));
    }

    private static IssuingCa issuingCa(GatewayStore store, Cert ca, SigningKey key, boolean current, Clock clock,
                                       SecureRandom random) {
        return new IssuingCa(ca, current, new OcspSigner(store, ca, key, clock, random), new CrlSigner(ca, key, clock, random));
    }

    /** Every list in DIR/compromised-keys/ (absent folder: none); a bad list stops the gateway. */
    private static CompromisedKeys keyListsIn(Path folder) throws KeyCustodyException {
        CompromisedKeys.Builder b = new CompromisedKeys.Builder();
        if (!java.nio.file.Files.isDirectory(folder)) {
            return b.build();
        }
        try (var files = java.nio.file.Files.list(folder)) {
            for (Path p : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                b.addAll(io.localtrust.lint.keys.CompromisedKeyFiles.load(p));
            }
        } catch (java.io.IOException e) {
            throw new KeyCustodyException("cannot read " + folder + ": " + e.getMessage());
        } catch (io.localtrust.lint.keys.KeyListException e) {
            throw new KeyCustodyException(e.getMessage());
        }
        return b.build();
    }

    private static Cert readOne(Path file) throws KeyCustodyException {
        try {
            List<Cert> certs = new CertificateReader().read(file);
            return certs.get(0);
        } catch (CertificateParseException e) {
            throw new KeyCustodyException(e.getMessage());
        }
    }

    public Authority authority() {
        return authority;
    }

    /** Pairing keys for ACME External Account Binding: made by the owner, checked by the front end. */
    public Pairings pairings() {
        return pairings;
    }

    /** Signs the current issuing CA's OCSP responses from the store's status. */
    public OcspSigner ocsp() {
        return issuers.get(0).ocsp();
    }

    /** Signs the current issuing CA's CRL. */
    public CrlSigner crl() {
        return issuers.get(0).crl();
    }

    /**
     * Every issuing CA this gateway answers for, the current one first, then the replaced ones
     * whose key is kept and which the root has not revoked (newest first), as of {@link #open}.
     */
    public List<IssuingCa> issuers() {
        return issuers;
    }

    /** The serials of the issuing CAs the root has revoked now (DIR/root.crl, re-read and its signature checked). */
    public Set<BigInteger> revokedByRoot() throws KeyCustodyException {
        return RootOperations.revokedByRoot(files, root);
    }

    public GatewayStore store() {
        return store;
    }

    public GatewayConfig config() {
        return config;
    }

    public GatewayFiles files() {
        return files;
    }

    public Cert root() {
        return root;
    }

    public Cert intermediate() {
        return intermediate;
    }

    /** The chain a device serves after its own certificate. */
    public List<Cert> issuingChain() {
        return Arrays.asList(intermediate);
    }

    /**
     * Stops issuance (its commit thread finishes what is queued), closes the store and, with the
     * keys in a token, logs out of it: the login lasts as long as
     * the gateway, not the process (once closed, the next open needs the right PIN again). The
     * login is the process's, so two gateways open on one token in one JVM share it.
     */
    @Override
    public void close() throws StoreException {
        try {
            authority.close();
            store.close();
        } finally {
            Pkcs11Token.logout(issuingSigner.provider());
        }
    }
}
