package io.localtrust.authority;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The root operations, the only ones that unlock the root key (issue 3): {@code gateway
 * new-intermediate} and {@code gateway revoke-intermediate}.
 *
 * <p><b>new-intermediate</b> makes a new issuing key and a certificate for it with the same
 * profile, and switches the gateway to it: the new files are written beside the old ones
 * ({@code intermediate.pem.next}, {@code intermediate-key.pem.next}), then renamed over them. The
 * committing step is the rename that creates {@code intermediate.pem.next}; a switch interrupted
 * after it is finished by the next {@link Gateway#open} or root operation ({@link #finishSwitch}),
 * one interrupted before it is undone. The replaced CA is kept as {@code intermediate-SERIAL.pem}
 * (its certificates still verify with it) and its key as {@code intermediate-SERIAL-key.pem}.
 *
 * <p><b>revoke-intermediate</b> revokes a <em>replaced</em> issuing CA by adding it to the root's
 * CRL ({@code root.crl}, signed by the root key, valid {@link #ROOT_CRL_VALIDITY} because the
 * root is offline), and deletes its kept key. It refuses to revoke the current issuing CA: that
 * would stop the gateway; run new-intermediate first.
 *
 * <p>Keys in a PKCS#11 token: the secret is the token's PIN; the root key signs in the token;
 * the new issuing key is made in the token under the label {@code localtrust-issuing-SERIAL},
 * which the switch writes into gateway.json (gateway.json.next, renamed with the others); the
 * replaced key stays in the token under its label until the CA is revoked.
 */
public final class RootOperations {
    /** nextUpdate - thisUpdate of the root CRL: the root key is offline, so it is signed rarely. */
    public static final Duration ROOT_CRL_VALIDITY = Duration.ofDays(365);
    private static final Pattern RETIRED = Pattern.compile("intermediate-([0-9a-f]+)\\.pem");

    private final Clock clock;
    private final SecureRandom random;

    public RootOperations(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Where DIR's CA keys are (so a front end knows whether to ask for a passphrase or a token PIN). */
    public static KeyCustody custody(Path dir) throws KeyCustodyException {
        GatewayFiles files = new GatewayFiles(dir.toAbsolutePath().normalize());
        ConfigJson.read(files.config());
        return ConfigJson.readCustody(files.config());
    }

    /** What new-intermediate did. */
    public record NewIntermediate(Cert previous, Cert current, Path previousKept) {
    }

    /** What revoke-intermediate did. */
    public record RevokedIntermediate(Cert revoked, RevocationReason reason, Path rootCrl, BigInteger crlNumber,
                                      Instant nextUpdate) {
    }

    /**
     * Replaces the issuing CA. Nothing is changed when the secret is wrong or the root key is
     * absent.
     *
     * @param secret  the root key's passphrase; for keys in a PKCS#11 token, the token's user PIN
     * @param jdbcUrl the PostgreSQL store, or null for DIR/gateway.db (for the audit entry)
     */
    public NewIntermediate newIntermediate(Path dir, String jdbcUrl, char[] secret, String actor)
            throws KeyCustodyException {
        GatewayFiles files = new GatewayFiles(dir.toAbsolutePath().normalize());
        GatewayConfig config = ConfigJson.read(files.config());
        KeyCustody custody = ConfigJson.readCustody(files.config());
        finishSwitch(files);
        Cert root = readOne(files.rootPem());
        Cert previous = readOne(files.intermediatePem());
        if (!custody.inToken()) {
            SigningKey rootKey = unlockRoot(files, root, secret);
            Instant now = clock.instant();
            KeyPair issuing = config.keyKind().generate(random);
            Cert next = CaCertificates.intermediate(config, root, rootKey, issuing.getPublic(), now, random);
            return switchTo(files, jdbcUrl, actor, root, rootKey, previous, next, issuing, null, now,
                    "previous key kept as " + files.retiredIntermediateKey(previous.serial()).getFileName());
        }
        // keys in a token: the new issuing key is made there under a new label, which gateway.json then names
        try (Pkcs11Token token = Pkcs11Token.login(custody.pkcs11Config(), secret)) {
            SigningKey rootKey = token.signingKey(custody.rootLabel(), publicKey(root, files.rootPem()));
            Instant now = clock.instant();
            KeyPair issuing = token.generate(config.keyKind());
            PublicKey issuingPublic;
            try {
                issuingPublic = KeyFiles.toBcPublic(issuing.getPublic().getEncoded());
            } catch (GeneralSecurityException e) {
                throw new KeyCustodyException("the token made an unusable key: " + e.getMessage(), e);
            }
            Cert next = CaCertificates.intermediate(config, root, rootKey, issuingPublic, now, random);
            String label = baseLabel(custody.issuingLabel()) + "-" + next.serial().toString(16);
            if (token.holds(label)) {
                throw new KeyCustodyException(token.config() + ": the token already holds '" + label + "': nothing was changed");
            }
            byte[] configNext;
            try {
                token.store(label, issuing.getPrivate(), next);
                token.signingKey(label, issuingPublic); // found again by label, and it signs
                configNext = ConfigJson.write(config, new KeyCustody(KeyCustody.Kind.PKCS11, custody.pkcs11Config(),
                        custody.rootLabel(), label, custody.pinFile()));
                commit(files, root, rootKey, previous, next, null, configNext, now);
            } catch (IOException | KeyCustodyException | RuntimeException e) {
                token.deleteQuietly(label);
                throw e instanceof KeyCustodyException k ? k
                        : new KeyCustodyException("new-intermediate failed, nothing was changed: " + e.getMessage(), e);
            }
            return switchTo(files, jdbcUrl, actor, root, rootKey, previous, next, null, configNext, now,
                    "new key in the token as '" + label + "', previous key kept as '" + custody.issuingLabel() + "'");
        }
    }

    /** Commits (unless already committed), finishes the switch, and writes the audit entry. */
    private NewIntermediate switchTo(GatewayFiles files, String jdbcUrl, String actor, Cert root, SigningKey rootKey,
                                     Cert previous, Cert next, KeyPair fileKey, byte[] configNext, Instant now, String keys)
            throws KeyCustodyException {
        try (GatewayStore store = openStore(files, jdbcUrl)) {
            if (configNext == null) {
                commit(files, root, rootKey, previous, next, fileKey, null, now);
            }
            finishSwitch(files);
            store.append(now, actor, "new-intermediate", "intermediate " + next.serial().toString(16),
                    "issuing CA replaced: new " + next.serial().toString(16) + ", previous " + previous.serial().toString(16)
                    + " kept as " + files.retiredIntermediatePem(previous.serial()).getFileName() + "; " + keys);
            return new NewIntermediate(previous, next, files.retiredIntermediatePem(previous.serial()));
        } catch (StoreException e) {
            throw new KeyCustodyException(e.getMessage(), e);
        }
    }

    /**
     * Writes the new issuing CA beside the current one and commits it (the rename that creates
     * intermediate.pem.next); before that, a failure removes what it wrote: nothing changed.
     *
     * @param fileKey    the new key, for keys in files (null: in a token)
     * @param configNext the new gateway.json (null: unchanged)
     */
    private void commit(GatewayFiles files, Cert root, SigningKey rootKey, Cert previous, Cert next, KeyPair fileKey,
                        byte[] configNext, Instant now) throws KeyCustodyException {
        Path keyNext = next(files.intermediateKey());
        Path configNextFile = next(files.config());
        Path certNext = next(files.intermediatePem());
        Path certTmp = files.dir().resolve("intermediate.pem.tmp");
        List<Path> made = new ArrayList<>();
        try {
            deleteIfExists(keyNext, configNextFile, certTmp); // leftovers of an uncommitted switch
            writeIfAbsent(files.retiredIntermediatePem(previous.serial()), Files.readAllBytes(files.intermediatePem()), false, made);
            if (fileKey != null) {
                writeIfAbsent(files.retiredIntermediateKey(previous.serial()), Files.readAllBytes(files.intermediateKey()), true, made);
            }
            if (!Files.exists(files.rootCrl())) {
                // a gateway made before root CRLs: the new CA's CRL DP must resolve
                SecureFiles.writePublic(files.rootCrl(), rootCrl(root, rootKey, null, null, now, random));
                made.add(files.rootCrl());
            }
            if (fileKey != null) {
                KeyFiles.writeIntermediateKey(keyNext, fileKey);
                made.add(keyNext);
            }
            if (configNext != null) {
                SecureFiles.writePublic(configNextFile, configNext);
                made.add(configNextFile);
            }
            SecureFiles.writePublic(certTmp, next.pem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            made.add(certTmp);
            syncDir(files.dir());
            Files.move(certTmp, certNext, StandardCopyOption.ATOMIC_MOVE); // the commit point
        } catch (IOException | RuntimeException e) {
            deleteIfExists(made.toArray(Path[]::new));
            throw new KeyCustodyException("new-intermediate failed, nothing was changed: " + e.getMessage(), e);
        }
    }

    /** "localtrust-issuing" from "localtrust-issuing" or "localtrust-issuing-SERIAL". */
    static String baseLabel(String label) {
        return label.replaceFirst("-[0-9a-f]{8,}$", "");
    }

    /**
     * Revokes a replaced issuing CA through the root CRL.
     *
     * @param serial which replaced CA; null: the only replaced CA not yet revoked
     */
    public RevokedIntermediate revokeIntermediate(Path dir, String jdbcUrl, char[] secret, BigInteger serial,
                                                  RevocationReason reason, String actor) throws KeyCustodyException {
        if (reason == RevocationReason.CERTIFICATE_HOLD || reason == RevocationReason.REMOVE_FROM_CRL) {
            throw new KeyCustodyException("an issuing CA is revoked for good: " + reason.rfcName() + " is not a reason here");
        }
        GatewayFiles files = new GatewayFiles(dir.toAbsolutePath().normalize());
        ConfigJson.read(files.config());
        KeyCustody custody = ConfigJson.readCustody(files.config());
        finishSwitch(files);
        Cert root = readOne(files.rootPem());
        Cert current = readOne(files.intermediatePem());
        PublicKey rootPublic = publicKey(root, files.rootPem());
        X509CRLHolder previousCrl = readRootCrl(files.rootCrl(), rootPublic);
        Set<BigInteger> revoked = revokedByRoot(files, root);
        String advice = "run `localtrust gateway new-intermediate --dir " + files.dir()
                + "` first, then revoke the replaced one (revoking the only issuing CA would stop the gateway)";
        if (current.serial().equals(serial)) {
            throw new KeyCustodyException("intermediate " + serial.toString(16) + " is the current issuing CA: " + advice);
        }
        List<Cert> retired = retired(files);
        Cert target;
        if (serial != null) {
            target = retired.stream().filter(c -> c.serial().equals(serial)).findFirst().orElseThrow(() ->
                    new KeyCustodyException("no replaced issuing CA with serial " + serial.toString(16) + " in " + files.dir()
                            + describe(retired, revoked)));
            if (revoked.contains(serial)) {
                throw new KeyCustodyException("intermediate " + serial.toString(16) + " is already revoked in " + files.rootCrl());
            }
        } else {
            List<Cert> open = retired.stream().filter(c -> !revoked.contains(c.serial())).toList();
            if (open.isEmpty() && !retired.isEmpty()) {
                throw new KeyCustodyException("every replaced issuing CA is already revoked" + describe(retired, revoked)
                        + "; the current one, " + current.serial().toString(16) + ", is the only one in use: " + advice);
            }
            if (open.isEmpty()) {
                throw new KeyCustodyException("no replaced issuing CA to revoke (the current one, "
                        + current.serial().toString(16) + ", is the only one in use): " + advice);
            }
            if (open.size() > 1) {
                throw new KeyCustodyException("several replaced issuing CAs are not revoked: choose one with --serial"
                        + describe(open, revoked));
            }
            target = open.get(0);
        }
        Pkcs11Token token = custody.inToken() ? Pkcs11Token.login(custody.pkcs11Config(), secret) : null;
        try (Pkcs11Token closing = token) {
            SigningKey rootKey = token == null ? unlockRoot(files, root, secret)
                    : token.signingKey(custody.rootLabel(), rootPublic);
            try (GatewayStore store = openStore(files, jdbcUrl)) {
                Instant now = clock.instant();
                BigInteger number = previousCrl == null ? BigInteger.ONE : crlNumber(previousCrl).add(BigInteger.ONE);
                byte[] crl = rootCrl(root, rootKey, previousCrl, new Revocation(target.serial(), now, reason), now, random, number);
                Path tmp = files.dir().resolve("root.crl.tmp");
                try {
                    deleteIfExists(tmp);
                    SecureFiles.writePublic(tmp, crl);
                    Files.move(tmp, files.rootCrl(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    syncDir(files.dir());
                } catch (IOException e) {
                    deleteIfExists(tmp);
                    throw new KeyCustodyException("revoke-intermediate failed, nothing was changed: " + e.getMessage(), e);
                }
                // the revoked CA signs nothing more: its kept key goes
                String keyGone = token == null ? deleteRetiredFileKey(files, target) : deleteRetiredTokenKey(token, custody, target);
                store.append(now, actor, "revoke-intermediate", "intermediate " + target.serial().toString(16),
                        "revoked in root CRL " + number + " (" + reason.rfcName() + "); " + keyGone);
                return new RevokedIntermediate(target, reason, files.rootCrl(), number, now.plus(ROOT_CRL_VALIDITY));
            } catch (StoreException e) {
                throw new KeyCustodyException(e.getMessage(), e);
            }
        }
    }

    private static String deleteRetiredFileKey(GatewayFiles files, Cert target) {
        Path key = files.retiredIntermediateKey(target.serial());
        if (!Files.exists(key)) {
            return "no kept key";
        }
        deleteIfExists(key);
        return "deleted " + key.getFileName();
    }

    /** The replaced CA's key in the token: under the base label (the first CA) or base-SERIAL; the one that matches goes. */
    private static String deleteRetiredTokenKey(Pkcs11Token token, KeyCustody custody, Cert target) throws KeyCustodyException {
        PublicKey pub;
        try {
            pub = KeyFiles.toBcPublic(target.spkiDer());
        } catch (GeneralSecurityException e) {
            return "kept key not looked for (" + e.getMessage() + ")";
        }
        String base = baseLabel(custody.issuingLabel());
        for (String label : new String[] {base + "-" + target.serial().toString(16), base}) {
            if (label.equals(custody.issuingLabel()) || !token.holds(label)) {
                continue;
            }
            try {
                token.signingKey(label, pub);
            } catch (KeyCustodyException notThisOne) {
                continue;
            }
            token.deleteQuietly(label);
            return "deleted the token key '" + label + "'";
        }
        return "no kept key found in the token";
    }

    /** One entry to add to the root CRL. */
    record Revocation(BigInteger serial, Instant at, RevocationReason reason) {
    }

    /** A root CRL (DER): the entries of {@code previous} (may be null) plus {@code added} (may be null). */
    static byte[] rootCrl(Cert root, SigningKey rootKey, X509CRLHolder previous, Revocation added, Instant now,
                          SecureRandom random) {
        return rootCrl(root, rootKey, previous, added, now, random, BigInteger.ONE);
    }

    private static byte[] rootCrl(Cert root, SigningKey rootKey, X509CRLHolder previous, Revocation added, Instant now,
                                  SecureRandom random, BigInteger number) {
        try {
            X509CertificateHolder issuer = new X509CertificateHolder(root.der());
            X509v2CRLBuilder b = new X509v2CRLBuilder(issuer.getSubject(), Date.from(now));
            b.setNextUpdate(Date.from(now.plus(ROOT_CRL_VALIDITY)));
            if (previous != null) {
                b.addCRL(previous);
            }
            if (added != null) {
                b.addCRLEntry(added.serial(), Date.from(added.at()), added.reason().code());
            }
            SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
            b.addExtension(Extension.authorityKeyIdentifier, false, ski != null ? new AuthorityKeyIdentifier(ski.getKeyIdentifier())
                    : new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            return b.build(rootKey.contentSigner(random)).getEncoded();
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the root CRL", e);
        }
    }

    /**
     * Finishes a committed switch (intermediate.pem.next present) that was interrupted, so the
     * issuing key and certificate always match. Nothing to do in the usual case.
     */
    static void finishSwitch(GatewayFiles files) throws KeyCustodyException {
        Path certNext = next(files.intermediatePem());
        if (!Files.exists(certNext)) {
            return;
        }
        try {
            Path keyNext = next(files.intermediateKey());
            if (Files.exists(keyNext)) {
                Files.move(keyNext, files.intermediateKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Path configNext = next(files.config());
            if (Files.exists(configNext)) {
                Files.move(configNext, files.config(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(certNext, files.intermediatePem(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDir(files.dir());
        } catch (IOException e) {
            throw new KeyCustodyException("cannot finish switching to the new issuing CA in " + files.dir() + ": " + e.getMessage());
        }
    }

    /** The replaced issuing CAs kept in DIR, oldest first. */
    static List<Cert> retired(GatewayFiles files) throws KeyCustodyException {
        List<Cert> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(files.dir())) {
            for (Path p : s.sorted().toList()) {
                Matcher m = RETIRED.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(readOne(p));
                }
            }
        } catch (IOException e) {
            throw new KeyCustodyException("cannot read " + files.dir() + ": " + e.getMessage());
        }
        out.sort(Comparator.comparing(Cert::notBefore));
        return out;
    }

    private static String describe(List<Cert> certs, Set<BigInteger> revoked) {
        if (certs.isEmpty()) {
            return " (there is none)";
        }
        StringBuilder sb = new StringBuilder(" (replaced:");
        for (Cert c : certs) {
            sb.append(' ').append(c.serial().toString(16)).append(revoked.contains(c.serial()) ? " [revoked]" : "");
        }
        return sb.append(')').toString();
    }

    /** The root key, unlocked and checked against root.pem; nothing has been changed when this fails. */
    private static SigningKey unlockRoot(GatewayFiles files, Cert root, char[] passphrase) throws KeyCustodyException {
        if (!Files.exists(files.rootKey())) {
            throw new KeyCustodyException(files.rootKey() + " is missing (moved offline? bring root-key.p12 back into "
                    + files.dir() + ", then run this again)");
        }
        KeyPair pair;
        try {
            pair = KeyFiles.readRootKey(files.rootKey(), passphrase);
        } catch (KeyCustodyException e) {
            throw new KeyCustodyException(e.getMessage() + ": nothing was changed", e);
        }
        SigningKey key = SigningKey.bouncyCastle(pair.getPrivate(), publicKey(root, files.rootPem()));
        if (!KeyFiles.matches(key)) {
            throw new KeyCustodyException(files.rootKey() + " does not belong to " + files.rootPem() + ": nothing was changed");
        }
        return key;
    }

    private static PublicKey publicKey(Cert c, Path file) throws KeyCustodyException {
        try {
            return KeyFiles.toBcPublic(c.spkiDer());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(file + ": unusable public key");
        }
    }

    /**
     * The serials of the issuing CAs the root has revoked (DIR/root.crl, its signature checked);
     * empty when there is no root CRL yet.
     */
    static Set<BigInteger> revokedByRoot(GatewayFiles files, Cert root) throws KeyCustodyException {
        X509CRLHolder crl = readRootCrl(files.rootCrl(), publicKey(root, files.rootPem()));
        Set<BigInteger> revoked = new HashSet<>();
        if (crl != null) {
            for (Object e : crl.getRevokedCertificates()) {
                revoked.add(((X509CRLEntryHolder) e).getSerialNumber());
            }
        }
        return revoked;
    }

    /** The root CRL, its signature checked (a damaged or forged one is not built upon); null when absent. */
    private static X509CRLHolder readRootCrl(Path file, PublicKey rootPublic) throws KeyCustodyException {
        X509CRLHolder crl;
        try {
            crl = new X509CRLHolder(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException(file + ": not a readable CRL (" + e.getMessage() + ")");
        }
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider()).build(rootPublic))) {
                throw new KeyCustodyException(file + ": not signed by the root key: refusing to build on it");
            }
        } catch (OperatorCreationException | org.bouncycastle.cert.CertException e) {
            throw new KeyCustodyException(file + ": cannot check its signature (" + e.getMessage() + ")");
        }
        return crl;
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        Extension e = crl.getExtension(Extension.cRLNumber);
        return e == null ? BigInteger.ZERO : CRLNumber.getInstance(e.getParsedValue()).getCRLNumber();
    }

    private static GatewayStore openStore(GatewayFiles files, String jdbcUrl) throws KeyCustodyException {
        try {
            return jdbcUrl == null ? GatewayStores.open(files.dir()) : GatewayStores.open(jdbcUrl);
        } catch (StoreException e) {
            throw new KeyCustodyException(e.getMessage(), e);
        }
    }

    private static Cert readOne(Path file) throws KeyCustodyException {
        try {
            return new CertificateReader().read(file).get(0);
        } catch (CertificateParseException e) {
            throw new KeyCustodyException(e.getMessage());
        }
    }

    private static Path next(Path p) {
        return p.resolveSibling(p.getFileName() + ".next");
    }

    /** Writes FILE unless it already holds exactly these bytes (a retry after an interrupted switch). */
    private static void writeIfAbsent(Path file, byte[] content, boolean secret, List<Path> made) throws IOException {
        if (Files.exists(file)) {
            if (java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
            throw new IOException(file + " exists with other content");
        }
        if (secret) {
            SecureFiles.writeSecret(file, content);
        } else {
            SecureFiles.writePublic(file, content);
        }
        made.add(file);
    }

    private static void deleteIfExists(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the renames are still atomic
        }
    }
}
