package io.localtrust.practice.context;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trusted-certificate entries of a JKS key store, read as DER without the JDK parsing each one.
 *
 * <p>A Debian JDK's {@code cacerts} is the JKS file of {@code ca-certificates-java}. Through
 * {@link java.security.KeyStore} every one of its ~150 roots is parsed by the JDK and then again
 * by localtrust's own reader; reading the entries' bytes here leaves one parse (measured: part of
 * a scan's start-up, BENCHMARKS.md "scan-cpu"). The format (the JDK's {@code JavaKeyStore}):
 * magic {@code FEEDFEED}, version 1 or 2, a count, then per entry a tag (1 private key, 2 trusted
 * certificate), an alias, a time stamp and — for a trusted certificate — in version 2 the
 * certificate type, then the encoding's length and bytes; a SHA-1 digest over it all ends the
 * file. As {@code KeyStore.load} with no password, the digest is not checked (it needs the store's
 * password): the file is the JDK's own, read-only to the user. Anything else — PKCS12 (other JDKs'
 * {@code cacerts}), a private-key entry, a type other than X.509, a truncated or oversized file —
 * is {@link Optional#empty()}, and the caller falls back to {@code KeyStore}.
 */
final class JksCertificates {
    static final int MAGIC = 0xFEEDFEED;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_CERTIFICATE_BYTES = 64 << 10;

    private JksCertificates() {
    }

    /** The DER of every trusted certificate, in file order; empty when {@code store} is not a plain JKS trust store. */
    static Optional<List<byte[]>> read(byte[] store) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(store))) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            int version = in.readInt();
            int count = in.readInt();
            if (version < 1 || version > 2 || count < 0 || count > MAX_ENTRIES) {
                return Optional.empty();
            }
            List<byte[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (in.readInt() != 2) {
                    return Optional.empty(); // a private key entry: not a trust store
                }
                in.readUTF(); // alias
                in.readLong(); // date
                if (version == 2 && !"X.509".equals(in.readUTF())) {
                    return Optional.empty();
                }
                int length = in.readInt();
                if (length <= 0 || length > MAX_CERTIFICATE_BYTES || length > in.available()) {
                    return Optional.empty();
                }
                out.add(in.readNBytes(length));
            }
            return in.available() == 20 ? Optional.of(out) : Optional.empty(); // what follows is the SHA-1 digest alone
        } catch (IOException e) {
            return Optional.empty(); // truncated (EOF) or an alias that is not modified UTF-8
        }
    }
}
