package io.localtrust.lint.keys;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads compromised-key lists, detecting the format from the content:
 * <ul>
 *   <li>House of Keys CSV: a header with an {@code spki_sha256} column (and optionally
 *       {@code cert_sha256}, {@code vendors});</li>
 *   <li>nmap's {@code ssl-fingerprints}: {@code #} comments, {@code [section]} lines, one
 *       certificate SHA-1 (40 hex digits, colons allowed) per line;</li>
 *   <li>a plain list of certificate SHA-1s (40 hex), or SPKI SHA-256s (64 hex);</li>
 *   <li>Debian's openssl-blacklist ({@code blacklist.RSA-2048}): 20-hex-digit modulus fingerprints.</li>
 * </ul>
 * A line in none of these shapes fails the whole file with its line number: a half-read
 * blocklist would silently miss keys.
 */
public final class CompromisedKeyFiles {
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX20 = Pattern.compile("[0-9a-f]{20}");
    private static final long MAX_BYTES = 256L << 20;

    /** Where Debian's nmap package installs its fingerprint file. */
    public static final List<Path> NMAP_FINGERPRINT_LOCATIONS = List.of(
            Path.of("/usr/share/nmap/nselib/data/ssl-fingerprints"),
            Path.of("/usr/local/share/nmap/nselib/data/ssl-fingerprints"));

    private CompromisedKeyFiles() {
    }

    /** nmap's ssl-fingerprints file, if nmap is installed. */
    public static Optional<Path> nmapFingerprints() {
        return NMAP_FINGERPRINT_LOCATIONS.stream().filter(Files::isRegularFile).findFirst();
    }

    public static CompromisedKeys load(Path file) throws KeyListException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<String> lines;
        try {
            if (Files.isDirectory(file)) {
                throw new KeyListException(file + ": is a directory, not a compromised-key list");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new KeyListException(file + ": compromised-key list too large (limit 256 MiB)");
            }
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                lines = r.lines().toList();
            } catch (java.io.UncheckedIOException e) {
                throw new KeyListException(file + ": not a text file (invalid UTF-8)");
            }
        } catch (NoSuchFileException e) {
            throw new KeyListException(file + ": no such file");
        } catch (IOException e) {
            throw new KeyListException(file + ": cannot read (" + e.getMessage() + ")");
        }
        CompromisedKeys.Builder b = new CompromisedKeys.Builder();
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (first.toLowerCase(Locale.ROOT).contains("spki_sha256")) {
            readHouseOfKeys(file, name, lines, b);
        } else {
            readHexList(file, name, lines, b);
        }
        CompromisedKeys keys = b.build();
        if (keys.size() == 0) {
            throw new KeyListException(file + ": no fingerprints found");
        }
        return keys;
    }

    private static void readHouseOfKeys(Path file, String name, List<String> lines, CompromisedKeys.Builder b)
            throws KeyListException {
        List<String> header = csv(lines.get(0));
        int spki = header.indexOf("spki_sha256");
        int cert = header.indexOf("cert_sha256");
        int vendors = header.indexOf("vendors");
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = csv(lines.get(i));
            if (row.size() <= spki) {
                throw new KeyListException(file + ":" + (i + 1) + ": expected " + header.size() + " CSV columns, found " + row.size());
            }
            String s = row.get(spki).trim().toLowerCase(Locale.ROOT);
            if (!HEX64.matcher(s).matches()) {
                throw new KeyListException(file + ":" + (i + 1) + ": spki_sha256 is not 64 hex digits");
            }
            String detail = vendors >= 0 && vendors < row.size() ? "vendors: " + row.get(vendors) : "";
            CompromisedKeys.Match m = new CompromisedKeys.Match(name, detail);
            b.spkiSha256(s, m);
            if (cert >= 0 && cert < row.size() && HEX64.matcher(row.get(cert).trim().toLowerCase(Locale.ROOT)).matches()) {
                b.certSha256(row.get(cert).trim(), m);
            }
        }
    }

    private static void readHexList(Path file, String name, List<String> lines, CompromisedKeys.Builder b)
            throws KeyListException {
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).replaceAll(" - https?://\\S+", "").trim();
                continue;
            }
            String hex = line.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
            CompromisedKeys.Match m = new CompromisedKeys.Match(name, section);
            if (HEX40.matcher(hex).matches()) {
                b.certSha1(hex, m);
            } else if (HEX64.matcher(hex).matches()) {
                b.spkiSha256(hex, m);
            } else if (HEX20.matcher(hex).matches()) {
                b.debianModulusFingerprint(hex, m);
            } else {
                throw new KeyListException(file + ":" + (i + 1)
                        + ": not a fingerprint (expected 40 hex digits for a certificate SHA-1, 64 for an SPKI SHA-256,"
                        + " or 20 for an openssl-blacklist entry)");
            }
        }
    }

    /** RFC 4180 fields of one line (quotes, doubled quotes). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
