package io.localtrust.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one DER object from a file that holds it as DER or as a PEM block (OCSP responses,
 * certificate requests), with a size limit and one-line errors naming the file.
 */
final class DerFiles {
    private DerFiles() {
    }

    /**
     * @param what       what the file should hold, for messages ("an OCSP response")
     * @param pemTypes   regular expression of the accepted PEM block types ("(NEW )?CERTIFICATE REQUEST")
     * @param maxBytes   the largest file accepted
     */
    static byte[] read(Path file, String what, String pemTypes, long maxBytes) {
        try {
            if (Files.isDirectory(file)) {
                throw new UserError(file + ": is a directory, not " + what);
            }
            if (Files.size(file) > maxBytes) {
                throw new UserError(file + ": too large for " + what + " (limit " + (maxBytes / 1024) + " KiB)");
            }
            byte[] data = Files.readAllBytes(file);
            if (data.length == 0) {
                throw new UserError(file + ": empty file");
            }
            String text = new String(data, StandardCharsets.ISO_8859_1);
            if (!text.contains("-----BEGIN")) {
                return data;
            }
            Matcher m = Pattern.compile("-----BEGIN (" + pemTypes + ")-----(.*?)-----END \\1-----", Pattern.DOTALL).matcher(text);
            if (!m.find()) {
                throw new UserError(file + ": no PEM block of " + what);
            }
            try {
                return Base64.getMimeDecoder().decode(m.group(m.groupCount()).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": malformed PEM (bad base64)");
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
