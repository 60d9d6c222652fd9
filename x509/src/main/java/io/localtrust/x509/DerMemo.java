package io.localtrust.x509;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was read from a DER encoding, remembered by those exact bytes: equal bytes, equal reading.
 * For the parts that come back with every certificate of one issuer — its name, its AIA and CRL
 * distribution point URLs — so that reading a gateway's next leaf, or a scanned fleet's thousand
 * certificates from a few CAs, does not parse them again. Bounded: once {@code max} readings are
 * kept it starts over rather than grow (a reader of many distinct values keeps nothing for long),
 * and encodings over {@value #MAX_BYTES} bytes are never kept (a scanned certificate's outsized
 * extension is read each time instead of held).
 *
 * @param <T> the reading; immutable, shared between threads
 */
final class DerMemo<T> {
    static final int MAX_BYTES = 1024;
    private final ConcurrentHashMap<String, T> known = new ConcurrentHashMap<>();
    private final int max;

    DerMemo(int max) {
        this.max = max;
    }

    /** How to read bytes not read before. */
    @FunctionalInterface
    interface Reading<T> {
        T read(byte[] der) throws IOException;
    }

    /** The reading of {@code der}: remembered, or made by {@code reading} now (and remembered). */
    T of(byte[] der, Reading<T> reading) throws IOException {
        T known = get(der);
        return known != null ? known : put(der, reading.read(der));
    }

    /** A reading of these bytes, or null; {@code der} is not kept. */
    T get(byte[] der) {
        return der.length > MAX_BYTES ? null : known.get(key(der));
    }

    /** Remembers {@code reading} for {@code der} and returns it. */
    T put(byte[] der, T reading) {
        if (der.length > MAX_BYTES) {
            return reading;
        }
        if (known.size() >= max) {
            known.clear();
        }
        known.put(key(der), reading);
        return reading;
    }

    /** The bytes as Latin-1 text, one char per byte: equal bytes, equal key. */
    private static String key(byte[] der) {
        return new String(der, StandardCharsets.ISO_8859_1);
    }
}
