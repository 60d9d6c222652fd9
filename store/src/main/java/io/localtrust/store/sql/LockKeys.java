package io.localtrust.store.sql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lock names as 64-bit keys (the first 8 bytes of SHA-256 of "localtrust-lock\n" + name: distinct
 * names collide with odds of 2^-64), and the keys this process holds, so that two of its threads
 * never both take one (a PostgreSQL session lock is reentrant; a file lock is per process).
 */
final class LockKeys {
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    static long key(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("localtrust-lock\n" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Marks {@code key} held by this process; false when a thread of it already holds it. */
    boolean claim(long key) {
        return held.add(key);
    }

    void release(long key) {
        held.remove(key);
    }
}
