package io.localtrust.x509;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads certificates from PEM (one or many blocks, with or without text around them) or DER.
 *
 * <p>Bounded: a file larger than {@link Limits#maxFileBytes()} is refused before it is read,
 * ASN.1 lengths may not run past the input, and certificates or extensions over the limits are
 * refused with a message saying which limit. PEM blocks that are not certificates (a private
 * key in a combined file, say) are skipped, and their contents are never echoed.
 */
public final class CertificateReader {

    private static final Set<String> CERT_PEM_TYPES = Set.of("CERTIFICATE", "X509 CERTIFICATE", "X.509 CERTIFICATE");
    /** A qualified Java or Bouncy Castle class name in a library message; group 1 is the simple name. */
    private static final Pattern QUALIFIED_CLASS =
            Pattern.compile("\\b(?:java|javax|jdk|sun|org\\.bouncycastle)(?:\\.[a-z][a-z0-9_]*)*\\.([A-Z][A-Za-z0-9_$]*)");

    private final Limits limits;

    public CertificateReader(Limits limits) {
        this.limits = limits;
    }

    public CertificateReader() {
        this(Limits.DEFAULT);
    }

    /** Size limits for untrusted input. */
    public record Limits(long maxFileBytes, int maxCertificateBytes, int maxExtensionBytes, int maxCertificates) {
        /** 8 MiB per file, 64 KiB per certificate, 32 KiB per extension, 4096 certificates. */
        public static final Limits DEFAULT = new Limits(8L << 20, 64 << 10, 32 << 10, 4096);
    }

    /** Reads every certificate in a file; at least one must be there. */
    public List<Cert> read(Path file) throws CertificateParseException {
        String source = file.toString();
        byte[] data;
        try {
            if (Files.isDirectory(file)) {
                throw new CertificateParseException(source + ": is a directory, not a certificate file");
            }
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw new CertificateParseException(String.format(Locale.ROOT,
                        "%s: file too large (%s; a certificate file is at most %s)",
                        source, human(size), human(limits.maxFileBytes())));
            }
            try (InputStream in = Files.newInputStream(file)) {
                // One byte more than the limit, so growth since the size check is caught; capped for arrays.
                data = in.readNBytes((int) Math.min(limits.maxFileBytes(), Integer.MAX_VALUE - 16) + 1);
            }
        } catch (NoSuchFileException e) {
            throw new CertificateParseException(source + ": no such file");
        } catch (IOException e) {
            throw new CertificateParseException(source + ": cannot read (" + ioReason(e) + ")");
        }
        try {
            return parse(data);
        } catch (CertificateParseException e) {
            throw e.in(source);
        }
    }

    /** Parses PEM or DER bytes. */
    public List<Cert> parse(byte[] data) throws CertificateParseException {
        if (data.length > limits.maxFileBytes()) {
            throw new CertificateParseException("input too large (" + human(data.length) + ")");
        }
        if (data.length == 0) {
            throw new CertificateParseException("empty file");
        }
        if (looksLikePem(data)) {
            return parsePem(data);
        }
        if (looksLikeText(data)) {
            throw new CertificateParseException("not a certificate: text without a PEM '-----BEGIN CERTIFICATE-----' line");
        }
        return List.of(parseDer(data, "DER input"));
    }

    /**
     * Reads a certificate built in memory, {@code built}, whose DER encoding is {@code der}, without
     * parsing {@code der} back: what an issuer that has just encoded the structure needs (the
     * authority's draft, linted before it is signed). DER is one encoding per structure, so this
     * is the {@link Cert} that {@link #parseDer} would make of {@code der}, with the same limits on
     * size and extensions; the caller vouches that {@code der} is {@code built}'s encoding.
     */
    public Cert readBuilt(Certificate built, byte[] der) throws CertificateParseException {
        requireSize(der);
        return CertMapper.map(built, der, limits);
    }

    /** Parses exactly one DER certificate. */
    public Cert parseDer(byte[] der) throws CertificateParseException {
        return parseDer(der, "DER input");
    }

    private static boolean looksLikePem(byte[] data) {
        if ((data[0] & 0xff) == 0x30 && (data.length < 2 || (data[1] & 0x80) != 0)) {
            // A DER SEQUENCE with a long-form length, as every certificate has; PEM is text, and
            // text may start with '0' (also 0x30) but is then followed by another ASCII byte.
            return false;
        }
        String head = new String(data, 0, data.length, StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    /** Printable ASCII and line breaks only, over the first 512 bytes: DER always has control bytes. */
    private static boolean looksLikeText(byte[] data) {
        int n = Math.min(data.length, 512);
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            if (!(b >= 0x20 && b < 0x7f) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private List<Cert> parsePem(byte[] data) throws CertificateParseException {
        List<Cert> certs = new ArrayList<>();
        Set<String> otherTypes = new LinkedHashSet<>();
        try (PemReader reader = new PemReader(new StringReader(new String(data, StandardCharsets.ISO_8859_1)))) {
            PemObject block;
            int index = 0;
            while ((block = readBlock(reader, index + 1)) != null) {
                index++;
                if (!CERT_PEM_TYPES.contains(block.getType())) {
                    otherTypes.add(block.getType());
                    continue;
                }
                if (certs.size() >= limits.maxCertificates()) {
                    throw new CertificateParseException("more than " + limits.maxCertificates() + " certificates");
                }
                try {
                    certs.add(parseDer(block.getContent(), "PEM block " + index));
                } catch (CertificateParseException e) {
                    throw new CertificateParseException("PEM block " + index + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new CertificateParseException("malformed PEM: " + oneLine(e));
        }
        if (certs.isEmpty()) {
            throw new CertificateParseException(otherTypes.isEmpty()
                    ? "no certificate found"
                    : "no certificate found (the file holds: " + String.join(", ", otherTypes) + ")");
        }
        return List.copyOf(certs);
    }

    private static PemObject readBlock(PemReader reader, int index) throws CertificateParseException {
        try {
            return reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            // BC reports missing END lines and bad base64 this way; never echo the block itself.
            throw new CertificateParseException("PEM block " + index + " is malformed (" + oneLine(e) + ")");
        }
    }

    /**
     * The subject of one DER certificate in RFC 4514 form — the same string {@link Cert#subject()}
     * gives — with the same checks of size and structure as {@link #parseDer(byte[])} but none of
     * the rest of the parse (extensions, key, names, fingerprints). For an index of many anchors
     * most of which no chain will name (a scan against the JDK's ~150 public roots).
     */
    public String subjectOf(byte[] der) throws CertificateParseException {
        return CertMapper.subject(asn1(der));
    }

    private Cert parseDer(byte[] der, String what) throws CertificateParseException {
        return CertMapper.map(asn1(der), der, limits);
    }

    private void requireSize(byte[] der) throws CertificateParseException {
        if (der.length > limits.maxCertificateBytes()) {
            throw new CertificateParseException(String.format(Locale.ROOT,
                    "certificate too large (%s; at most %s)", human(der.length), human(limits.maxCertificateBytes())));
        }
    }

    private ASN1Primitive asn1(byte[] der) throws CertificateParseException {
        if (der.length == 0) {
            throw new CertificateParseException("empty certificate");
        }
        requireSize(der);
        if ((der[0] & 0xff) != 0x30) {
            // Checked first: other bytes may happen to parse as some ASN.1 object and mislead later messages.
            throw new CertificateParseException("not a DER certificate (" + notASequence(der) + ")");
        }
        ASN1Primitive primitive;
        try (ASN1InputStream in = new ASN1InputStream(der, true)) {
            primitive = in.readObject();
            if (primitive == null) {
                throw new CertificateParseException("not a certificate: no ASN.1 data");
            }
            if (in.available() > 0 || in.readObject() != null) {
                throw new CertificateParseException("not a certificate: data after the certificate's end");
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateParseException("not a DER certificate (" + describeAsn1Failure(e) + ")");
        }
        return primitive;
    }

    private static String notASequence(byte[] der) {
        return String.format(Locale.ROOT, "starts with byte 0x%02x, a certificate starts with a SEQUENCE", der[0] & 0xff);
    }

    private static String describeAsn1Failure(Exception e) {
        String msg = oneLine(e);
        if (msg.contains("out of bounds") || msg.contains("EOF") || msg.contains("truncated")
                || msg.contains("exceeds") || msg.contains("length")) {
            return "truncated or corrupt ASN.1: " + msg;
        }
        return msg;
    }

    /**
     * A library exception's message as one line for a user: no exception class names, no
     * qualified Java or Bouncy Castle class names, bounded length.
     */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "no details";
        }
        m = QUALIFIED_CLASS.matcher(m).replaceAll("$1");
        // BC nests causes as "IOException: …": the class name tells a user nothing
        m = m.replaceAll("\\b[A-Z][A-Za-z0-9_$]*(Exception|Error): ", "");
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    /** Why a file could not be read, in words (an exception's class name means nothing to a user). */
    private static String ioReason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return f.getReason().replaceAll("\\s+", " ").trim();
        }
        String m = oneLine(e);
        return m.equals("no details") ? "I/O error" : m;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < (1L << 20)) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
