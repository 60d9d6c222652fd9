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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
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
        return loadAhead().get();
    }

    /**
     * The trust context, with the parts no user typed — the JDK's roots (when no
     * {@code --public-roots}) and nmap's fingerprint list — read on a background thread while the
     * caller gets on with its work (a scan probes meanwhile; measured: ~1 s of a 1,000-endpoint
     * scan's start on this machine). The files the user named are read now, so a mistake in one is
     * reported before any work starts. The supplier waits for the rest and throws its
     * {@link UserError}, if any.
     */
    Supplier<TrustContext> loadAhead() {
        CertificateReader reader = new CertificateReader();
        Optional<AnchorSet> given;
        AnchorSet local;
        AnchorSet vendor;
        CompromisedKeys.Builder keys = new CompromisedKeys.Builder();
        try {
            given = publicRoots == null ? Optional.empty() : Optional.of(Anchors.fromFile(AnchorSet.Kind.PUBLIC, publicRoots, reader));
            local = Anchors.fromFiles(AnchorSet.Kind.LOCAL, localAnchors, reader);
            vendor = Anchors.fromFiles(AnchorSet.Kind.VENDOR, vendorAnchors, reader);
            for (Path p : compromisedKeys) {
                CompromisedKeys k = CompromisedKeyFiles.load(p);
                LOG.info("compromised keys: {} entries from {}", k.size(), p);
                keys.addAll(k);
            }
        } catch (ContextException | KeyListException e) {
            throw new UserError(e.getMessage());
        }
        FutureTask<TrustContext> rest = new FutureTask<>(() -> {
            try {
                AnchorSet pub = given.isPresent() ? given.get() : Anchors.jdkCacerts(new CertificateReader());
                LOG.info("public roots: {}, {} certificates", pub.source(), pub.size());
                Optional<Path> nmap = noNmap ? Optional.empty() : CompromisedKeyFiles.nmapFingerprints();
                if (nmap.isPresent()) {
                    CompromisedKeys k = CompromisedKeyFiles.load(nmap.get());
                    LOG.info("compromised keys: {} entries from nmap's {}", k.size(), nmap.get());
                    keys.addAll(k);
                }
                return new TrustContext(pub, local, vendor, keys.build());
            } catch (ContextException | KeyListException e) {
                throw new UserError(e.getMessage());
            }
        });
        Thread.ofPlatform().daemon().name("trust-context").start(rest);
        return () -> {
            try {
                return rest.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the trust context", e);
            }
        };
    }
}
