package io.localtrust.practice.context;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Loads anchor sets: PEM/DER bundles, and the JDK's own cacerts. */
public final class Anchors {
    /** Far above any real cacerts (~150 kB); a larger file goes through {@link KeyStore}. */
    private static final long MAX_CACERTS_BYTES = 16L << 20;

    private Anchors() {
    }

    /** Every certificate in a PEM bundle or DER file becomes an anchor. */
    public static AnchorSet fromFile(AnchorSet.Kind kind, Path file, CertificateReader reader) throws ContextException {
        try {
            return new AnchorSet(kind, file.toString(), reader.read(file));
        } catch (CertificateParseException e) {
            throw new ContextException(e.getMessage());
        }
    }

    /** Several files of one kind as one set. */
    public static AnchorSet fromFiles(AnchorSet.Kind kind, List<Path> files, CertificateReader reader)
            throws ContextException {
        if (files.isEmpty()) {
            return AnchorSet.empty(kind);
        }
        List<Cert> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            all.addAll(fromFile(kind, f, reader).certs());
            names.add(f.toString());
        }
        return new AnchorSet(kind, String.join(", ", names), all);
    }

    /**
     * The trusted certificates of the JDK running us ({@code $JAVA_HOME/lib/security/cacerts}):
     * the public roots a Java client would trust. A JKS file (Debian's) is read entry by entry
     * ({@link JksCertificates}), any other store through {@link KeyStore}; the roots are
     * {@linkplain AnchorSet#parsedOnDemand parsed on demand} (most scans never need them parsed).
     */
    public static AnchorSet jdkCacerts(CertificateReader reader) throws ContextException {
        Path file = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        try {
            Optional<List<byte[]>> jks = Files.size(file) <= MAX_CACERTS_BYTES ? JksCertificates.read(Files.readAllBytes(file)) : Optional.empty();
            List<byte[]> ders = new ArrayList<>();
            if (jks.isPresent()) {
                ders.addAll(jks.get());
            } else {
                KeyStore ks = KeyStore.getInstance(file.toFile(), (char[]) null);
                for (String alias : Collections.list(ks.aliases())) {
                    Certificate c = ks.getCertificate(alias);
                    if (c != null) {
                        ders.add(c.getEncoded());
                    }
                }
            }
            return AnchorSet.parsedOnDemand(AnchorSet.Kind.PUBLIC, "JDK cacerts (" + ders.size() + " roots)", ders, reader);
        } catch (IOException | GeneralSecurityException | CertificateParseException e) {
            throw new ContextException(file + ": cannot read the JDK's trusted roots (" + e.getMessage() + ")");
        }
    }
}
