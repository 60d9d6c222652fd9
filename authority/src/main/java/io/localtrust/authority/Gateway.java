package io.localtrust.authority;

import io.localtrust.lint.Linter;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * An opened gateway directory: its configuration, CA certificates, the issuing key (never the
 * root key) and the store, wired into an {@link Authority}. Opening checks that the pieces
 * belong together and refuses to start otherwise: a wrong or damaged file is reported, never
 * silently replaced.
 */
public final class Gateway implements AutoCloseable {
    private final GatewayFiles files;
    private final GatewayConfig config;
    private final Cert root;
    private final Cert intermediate;
    private final GatewayStore store;
    private final Authority authority;
    private final OcspSigner ocsp;
    private final CrlSigner crl;
    private final SigningKey issuingSigner;

    private Gateway(GatewayFiles files, GatewayConfig config, Cert root, Cert intermediate, GatewayStore store,
                    Authority authority, SigningKey issuingSigner, OcspSigner ocsp, CrlSigner crl) {
        this.issuingSigner = issuingSigner;
        this.ocsp = ocsp;
        this.crl = crl;
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
        SigningKey issuingSigner = ConfigJson.readCustody(files.config()).issuingKey(files, intermediate, System.getenv());
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
        return new Gateway(files, config, root, intermediate, store, authority, issuingSigner,
                new OcspSigner(store, intermediate, issuingSigner, clock, random),
                new CrlSigner(intermediate, issuingSigner, clock, random));
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

    /** Signs OCSP responses from the store's status. */
    public OcspSigner ocsp() {
        return ocsp;
    }

    /** Signs the issuing CA's CRL. */
    public CrlSigner crl() {
        return crl;
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
