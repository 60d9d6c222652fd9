package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.localtrust.store.sql.Samples.register;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's writes reach the database file through a checkpoint on a thread of its own, while the
 * store stays open — not inside the writer's commit — and the writer's connection keeps its own
 * larger page cache with its automatic checkpoint only as a backstop.
 */
class SqliteCheckpointerTest {
    @TempDir
    Path tmp;

    @Test
    void aCommitReachesTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
        Path dir = tmp.resolve("gateway");
        long before = checkpointThreads(); // a store another test left open keeps its own
        try (GatewayStore store = GatewayStores.create(dir)) {
            byte[] marker = "checkpointed-by-the-background-thread.home.arpa".getBytes(StandardCharsets.US_ASCII);
            register(store, 1, new String(marker, StandardCharsets.US_ASCII));
            // A WAL of a few pages is far below SQLite's own automatic checkpoint (1,000 pages), and
            // the store stays open: only the background checkpoint can have copied it into the file.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!contains(Files.readAllBytes(dir.resolve("gateway.db")), marker)) {
                assertThat(System.nanoTime()).as("the commit reached gateway.db within 20 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(checkpointThreads()).isEqualTo(before + 1);
        }
        assertThat(checkpointThreads()).as("closing the store stops the checkpoint thread").isEqualTo(before);
    }

    @Test
    void theWriterConnectionHasALargerCacheAndOnlyABackstopCheckpoint() throws Exception {
        try (GatewayStore store = GatewayStores.create(tmp.resolve("gateway"))) {
            Database db = ((SqlGatewayStore) store).database();
            // a write runs on the writer thread's own connection
            long writerCache = db.write(tx -> Sql.one(tx.connection(), "PRAGMA cache_size", rs -> rs.getLong(1)).orElseThrow());
            long writerCheckpoint = db.write(tx -> Sql.one(tx.connection(), "PRAGMA wal_autocheckpoint", rs -> rs.getLong(1)).orElseThrow());
            long readerCache = db.read(tx -> Sql.one(tx.connection(), "PRAGMA cache_size", rs -> rs.getLong(1)).orElseThrow());
            assertThat(writerCache).isEqualTo(-SqliteDialect.WRITER_CACHE_KIB);
            assertThat(writerCheckpoint).isEqualTo(SqliteCheckpointer.WRITER_BACKSTOP_PAGES);
            assertThat(readerCache).as("readers keep SQLite's default").isEqualTo(-2000);
        }
    }

    private static long checkpointThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(SqliteCheckpointer.THREAD_NAME) && t.isAlive()).count();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
