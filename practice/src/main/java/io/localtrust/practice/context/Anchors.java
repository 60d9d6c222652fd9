package io.localtrust.practice.context;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Loads anchor sets: PEM/DER bundles, and the JDK's own cacerts. */
public final class Anchors {
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
     * the public roots a Java client would trust.
     */
    public static AnchorSet jdkCacerts(CertificateReader reader) throws ContextException {
        Path file = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        try {
            KeyStore ks = KeyStore.getInstance(file.toFile(), (char[]) null);
            List<Cert> certs = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c != null) {
                    certs.add(reader.parseDer(c.getEncoded()));
                }
            }
            return new AnchorSet(AnchorSet.Kind.PUBLIC, "JDK cacerts (" + certs.size() + " roots)", certs);
        } catch (IOException | GeneralSecurityException | CertificateParseException e) {
            throw new ContextException(file + ": cannot read the JDK's trusted roots (" + e.getMessage() + ")");
        }
    }
}
