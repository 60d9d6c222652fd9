package io.localtrust.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.localtrust.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Concurrent callers share revision reads, and no caller gets a revision older than its call. */
class RevisionProbeTest {
    @TempDir
    Path tmp;
    HikariDataSource pool;
    RevisionProbe probe;

    @BeforeEach
    void open() throws Exception {
        SQLiteDataSource direct = new SQLiteDataSource();
        direct.setUrl("jdbc:sqlite:" + tmp.resolve("meta.db"));
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct);
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE store_meta (id INTEGER PRIMARY KEY, revision INTEGER NOT NULL)");
            s.execute("INSERT INTO store_meta VALUES (1, 0)");
        }
        probe = new RevisionProbe(pool, new SqliteDialect(tmp.resolve("meta.db")));
    }

    @AfterEach
    void close() {
        probe.close();
        pool.close();
    }

    private void bump(long to) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE store_meta SET revision = " + to + " WHERE id = 1");
        }
    }

    @Test
    void everyCallSeesWhatWasCommittedBeforeItWhileManyCallersShareStatements() throws Exception {
        AtomicLong committed = new AtomicLong();
        int callers = 16;
        int calls = 400;
        List<Future<Integer>> results = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService writers = Executors.newSingleThreadExecutor();
             ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writing = writers.submit(() -> {
                go.await();
                for (long r = 1; r <= 300; r++) {
                    bump(r);
                    committed.set(r); // committed: every read that starts from now on must see r or later
                }
                return null;
            });
            for (int i = 0; i < callers; i++) {
                results.add(readers.submit(() -> {
                    go.await();
                    int stale = 0;
                    for (int n = 0; n < calls; n++) {
                        long before = committed.get();
                        if (probe.read() < before) {
                            stale++;
                        }
                    }
                    return stale;
                }));
            }
            go.countDown();
            writing.get();
            for (Future<Integer> f : results) {
                assertThat(f.get()).as("reads older than a commit made before the call").isZero();
            }
        }
        assertThat(probe.read()).isEqualTo(300);
        assertThat(probe.statements()).as("callers shared reads").isLessThan((long) callers * calls);
    }

    @Test
    void aLoneCallerReadsEachTimeAndAFailedReadIsReportedThenRecovered() throws Exception {
        assertThat(probe.read()).isZero();
        bump(7);
        assertThat(probe.read()).isEqualTo(7);
        assertThat(probe.statements()).isEqualTo(2);

        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM store_meta");
        }
        assertThatThrownBy(probe::read).isInstanceOf(StoreException.class).hasMessageContaining("metadata row is missing");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO store_meta VALUES (1, 9)");
        }
        assertThat(probe.read()).isEqualTo(9);

        probe.close();
        assertThatThrownBy(probe::read).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }
}
