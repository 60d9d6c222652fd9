package io.localtrust.cli;

import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.Anchors;
import io.localtrust.lint.keys.CompromisedKeyFiles;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.lint.keys.KeyListException;
import io.localtrust.practice.context.ContextException;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.x509.CertificateReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The trust-context options shared by commands that classify (inspect now, scan later). */
final class TrustOptions {
    private static final Logger LOG = LoggerFactory.getLogger(TrustOptions.class);

    @Option(names = "--public-roots", paramLabel = "FILE",
            description = "PEM bundle of public roots (default: the JDK's cacerts).")
    Path publicRoots;

    @Option(names = "--local-anchor", paramLabel = "FILE",
            description = "A local (gateway / enterprise) CA certificate or bundle; repeatable. A chain to one is U-L/S.")
    List<Path> localAnchors = new ArrayList<>();

    @Option(names = "--vendor-anchor", paramLabel = "FILE",
            description = "A device-vendor or IoT-authority root; repeatable.")
    List<Path> vendorAnchors = new ArrayList<>();

    @Option(names = "--compromised-keys", paramLabel = "FILE",
            description = "A list of published keys (House of Keys CSV, nmap ssl-fingerprints, SHA-1/SPKI list, openssl-blacklist); repeatable.")
    List<Path> compromisedKeys = new ArrayList<>();

    @Option(names = "--no-nmap-fingerprints",
            description = "Do not load nmap's ssl-fingerprints file even when nmap is installed.")
    boolean noNmap;

    TrustContext load() {
        CertificateReader reader = new CertificateReader();
        try {
            AnchorSet pub = publicRoots != null
                    ? Anchors.fromFile(AnchorSet.Kind.PUBLIC, publicRoots, reader)
                    : Anchors.jdkCacerts(reader);
            LOG.info("public roots: {}, {} certificates", pub.source(), pub.certs().size());
            AnchorSet local = Anchors.fromFiles(AnchorSet.Kind.LOCAL, localAnchors, reader);
            AnchorSet vendor = Anchors.fromFiles(AnchorSet.Kind.VENDOR, vendorAnchors, reader);
            return new TrustContext(pub, local, vendor, compromised());
        } catch (ContextException e) {
            throw new UserError(e.getMessage());
        } catch (KeyListException e) {
            throw new UserError(e.getMessage());
        }
    }

    private CompromisedKeys compromised() throws KeyListException {
        CompromisedKeys.Builder b = new CompromisedKeys.Builder();
        for (Path p : compromisedKeys) {
            CompromisedKeys k = CompromisedKeyFiles.load(p);
            LOG.info("compromised keys: {} entries from {}", k.size(), p);
            b.addAll(k);
        }
        Optional<Path> nmap = noNmap ? Optional.empty() : CompromisedKeyFiles.nmapFingerprints();
        if (nmap.isPresent()) {
            CompromisedKeys k = CompromisedKeyFiles.load(nmap.get());
            LOG.info("compromised keys: {} entries from nmap's {}", k.size(), nmap.get());
            b.addAll(k);
        }
        return b.build();
    }
}
