package io.localtrust.practice.context;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.Digests;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named set of trust anchors.
 *
 * <p>Either made of parsed certificates, or {@linkplain #parsedOnDemand parsed on demand}: then only
 * each anchor's subject and fingerprint are read up front ({@link #entries()}, what a classifier's
 * pre-filter asks of every chain), and the certificates themselves on the first call of
 * {@link #certs()} — which a scan makes only when some chain names one of the anchors as its
 * issuer. The JDK's ~150 public roots are such a set: a scan of devices none of which has a public
 * certificate never parses them (measured, BENCHMARKS.md "scan-cpu").
 */
public final class AnchorSet {

    /** The three kinds of anchor the classifier distinguishes (DESIGN.md §2, §3). */
    public enum Kind {
        /** Web PKI roots: a chain to one of these is U-CA/S. */
        PUBLIC,
        /** The user's gateway or enterprise CA: a chain to one is U-L/S. */
        LOCAL,
        /** A device vendor's or IoT authority's root: genuine device, ownership unknown. */
        VENDOR
    }

    /**
     * What is known of one anchor before it is parsed.
     *
     * @param subject its subject in RFC 4514 form, as {@link Cert#subject()}
     * @param sha256  the SHA-256 of its DER, as {@code Cert.fingerprints().sha256()}
     */
    public record Entry(String subject, String sha256) {
        public Entry {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    private final Kind kind;
    private final String source;
    private final List<Entry> entries;
    /** The DER of each anchor while {@link #certs} is not made yet; null for a set made of parsed certificates. */
    private final List<byte[]> unparsed;
    private final CertificateReader reader;
    private volatile List<Cert> certs;

    /**
     * @param kind   what the anchors are for
     * @param source where they came from ("JDK cacerts", a file name)
     * @param certs  the anchor certificates
     */
    public AnchorSet(Kind kind, String source, List<Cert> certs) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
        this.certs = List.copyOf(certs);
        this.entries = this.certs.stream().map(c -> new Entry(c.subject(), c.fingerprints().sha256())).toList();
        this.unparsed = null;
        this.reader = null;
    }

    private AnchorSet(Kind kind, String source, List<Entry> entries, List<byte[]> unparsed, CertificateReader reader) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
        this.entries = List.copyOf(entries);
        this.unparsed = List.copyOf(unparsed);
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * Anchors from their DER, each checked as {@link CertificateReader#parseDer} checks a certificate's
     * size and structure and its subject read now, the rest of each parse left for {@link #certs()}.
     *
     * @throws CertificateParseException if one is not a certificate (the message says which, counting from 1)
     */
    public static AnchorSet parsedOnDemand(Kind kind, String source, List<byte[]> ders, CertificateReader reader)
            throws CertificateParseException {
        List<Entry> entries = new ArrayList<>(ders.size());
        for (int i = 0; i < ders.size(); i++) {
            byte[] der = ders.get(i);
            try {
                entries.add(new Entry(reader.subjectOf(der), Digests.sha256Hex(der)));
            } catch (CertificateParseException e) {
                throw new CertificateParseException("certificate " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new AnchorSet(kind, source, entries, ders.stream().map(byte[]::clone).toList(), reader);
    }

    public static AnchorSet empty(Kind kind) {
        return new AnchorSet(kind, "none", List.of());
    }

    public Kind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    /** Each anchor's subject and fingerprint, in order, without parsing any. */
    public List<Entry> entries() {
        return entries;
    }

    /** How many anchors. */
    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The anchor certificates, parsed on the first call for a set {@linkplain #parsedOnDemand parsed on
     * demand}. An anchor whose full parse fails there (its subject read, but say an extension over the
     * reader's limits) is left out: it cannot anchor a path, as an anchor the path builder's provider
     * cannot load is skipped.
     */
    public List<Cert> certs() {
        List<Cert> c = certs;
        if (c == null) {
            synchronized (this) {
                c = certs;
                if (c == null) {
                    List<Cert> parsed = new ArrayList<>(unparsed.size());
                    for (byte[] der : unparsed) {
                        try {
                            parsed.add(reader.parseDer(der));
                        } catch (CertificateParseException e) {
                            // left out, see above
                        }
                    }
                    c = List.copyOf(parsed);
                    certs = c;
                }
            }
        }
        return c;
    }

    /** Equal when of the same kind and source with the same anchors (by DER fingerprint), in order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AnchorSet a && kind == a.kind && source.equals(a.source)
                && entries.stream().map(Entry::sha256).toList().equals(a.entries.stream().map(Entry::sha256).toList());
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, source, entries.stream().map(Entry::sha256).toList());
    }

    @Override
    public String toString() {
        return "AnchorSet[" + kind + ", " + source + ", " + entries.size() + " anchors]";
    }
}
