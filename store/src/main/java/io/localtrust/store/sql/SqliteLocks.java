package io.localtrust.store.sql;

import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import io.localtrust.store.StoreLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link StoreLocks} beside a SQLite store: a one-byte POSIX record lock ({@code fcntl}) in
 * {@code gateway.db-locks}, at an offset made from the lock's name (62 bits of its key), so
 * processes sharing the directory exclude each other and a process that dies releases its locks.
 * The file is made at the first lock and holds no data.
 */
final class SqliteLocks {
    private final Path file;
    private final LockKeys keys = new LockKeys();
    private FileChannel channel;

    SqliteLocks(Path storeFile) {
        this.file = storeFile.resolveSibling(storeFile.getFileName() + "-locks");
    }

    Optional<StoreLocks.HeldLock> tryLock(String name) throws StoreException {
        long key = LockKeys.key(name);
        if (!keys.claim(key)) {
            return Optional.empty();
        }
        FileLock lock = null;
        try {
            lock = channel().tryLock(key >>> 2, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null; // another name at the same offset, held in this process: as good as busy
        } catch (IOException e) {
            throw new StoreException(Kind.UNAVAILABLE, "cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            if (lock == null) {
                keys.release(key);
            }
        }
        if (lock == null) {
            return Optional.empty();
        }
        FileLock held = lock;
        AtomicBoolean open = new AtomicBoolean(true);
        return Optional.of(() -> {
            if (open.compareAndSet(true, false)) {
                try {
                    held.release();
                } catch (IOException e) {
                    // the channel is closed: the lock went with it
                } finally {
                    keys.release(key);
                }
            }
        });
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        return channel;
    }

    synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases every lock; nothing else to do
            }
            channel = null;
        }
    }
}
