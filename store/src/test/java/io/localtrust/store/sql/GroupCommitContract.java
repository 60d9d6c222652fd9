package io.localtrust.store.sql;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.localtrust.store.sql.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit ({@link GroupCommit}): writes that arrive while another is being written share the
 * next transaction, each keeps its own outcome (a failing or discarded one is undone alone, and
 * moves no revision), and every caller returns only after its write is committed.
 */
interface GroupCommitContract extends StoreFixture {
    private Database db() {
        return ((SqlGatewayStore) store()).database();
    }

    private static void awaitQueued(GroupCommit writes, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writes.queued() < n) {
            assertThat(System.nanoTime() - deadline).as("%d writes queued in time", n).isNegative();
            Thread.sleep(5);
        }
    }

    @Test
    default void writesQueuedMeanwhileShareOneTransactionAndEachKeepsItsOwnOutcome() throws Exception {
        Database db = db();
        long revisionBefore = store().revision();
        long commitsBefore = db.commits();
        CountDownLatch hold = new CountDownLatch(1);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<AuditEvent> first = callers.submit(() -> db.write(tx -> {
                AuditEvent e = AuditSql.append(tx, at(1), "t", "first", "0", "");
                try {
                    hold.await(); // keeps the writer busy while the others queue
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
                return e;
            }));
            while (db.writes().transactions() == 0) {
                Thread.sleep(5);
            }
            long transactionsBefore = db.writes().transactions();
            Future<AuditEvent> a = callers.submit(() -> db.write(tx -> AuditSql.append(tx, at(2), "t", "a", "1", "")));
            awaitQueued(db.writes(), 1);
            Future<AuditEvent> b = callers.submit(() -> db.write(tx -> {
                AuditSql.append(tx, at(3), "t", "b", "2", "");
                throw new StoreException(Kind.CONFLICT, "b is refused after writing");
            }));
            awaitQueued(db.writes(), 2);
            Future<AuditEvent> c = callers.submit(() -> db.write(tx -> AuditSql.append(tx, at(4), "t", "c", "3", "")));
            awaitQueued(db.writes(), 3);
            Future<String> d = callers.submit(() -> db.write(tx -> {
                AuditSql.append(tx, at(5), "t", "d", "4", "");
                tx.discard();
                return "discarded";
            }));
            awaitQueued(db.writes(), 4);
            hold.countDown();

            assertThat(first.get().seq()).isEqualTo(1);
            assertThat(a.get().seq()).isEqualTo(2);
            assertThatThrownBy(b::get).hasCauseInstanceOf(StoreException.class).hasMessageContaining("b is refused");
            assertThat(c.get().seq()).as("b's entry was undone, so c follows a").isEqualTo(3);
            assertThat(d.get()).isEqualTo("discarded");
            assertThat(db.writes().transactions() - transactionsBefore).as("a, b, c and d shared one transaction").isEqualTo(1);
        }
        assertThat(store().events(1, 10)).extracting(AuditEvent::action).containsExactly("first", "a", "c");
        assertThat(store().verify()).isEmpty();
        assertThat(store().revision() - revisionBefore).as("one revision per kept write").isEqualTo(3);
        assertThat(db.commits() - commitsBefore).as("kept writes counted for localWrites()").isEqualTo(3);
    }

    @Test
    default void concurrentWritersAllCommitAndTheChainHolds() throws Exception {
        List<Future<AuditEvent>> done = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                int n = i;
                done.add(callers.submit(() -> store().append(at(n), "t", "append", Integer.toString(n), "")));
            }
        }
        List<Long> seqs = new ArrayList<>();
        for (Future<AuditEvent> f : done) {
            seqs.add(f.get().seq());
        }
        assertThat(seqs).doesNotHaveDuplicates().hasSize(64).allMatch(s -> s >= 1 && s <= 64);
        assertThat(store().verify()).isEmpty();
        assertThat(((SqlGatewayStore) store()).database().writes().transactions()).isBetween(1L, 64L);
    }

    @Test
    default void aWriteInsideAWriteIsRefusedAndWritesAfterCloseToo() throws Exception {
        Database db = db();
        assertThatThrownBy(() -> db.write(tx -> db.write(inner -> "never")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a store write");
        var other = (SqlGatewayStore) second();
        other.append(at(1), "t", "before-close", "x", "");
        other.close();
        assertThatThrownBy(() -> other.append(at(2), "t", "after-close", "x", ""))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThat(store().events(1, 10)).extracting(AuditEvent::action).containsExactly("before-close");
    }
}
