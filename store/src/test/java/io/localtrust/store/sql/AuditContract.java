package io.localtrust.store.sql;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.AuditHashes;
import io.localtrust.store.GatewayStore;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.localtrust.store.sql.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The append-only, hash-chained audit log: every backend behaves like this. */
interface AuditContract extends StoreFixture {

    private void appendThree() throws Exception {
        store().append(at(1), "cli:root", "approve", "dev-a", "was pending");
        store().append(at(2), "admin-api", "revoke", "8f00", "reason keyCompromise");
        store().append(at(3), "acme:account/12", "issue", "8f01", "device dev-a");
    }

    @Test
    default void entriesAreChainedWithTheDocumentedHash() throws Exception {
        Instant when = Instant.parse("2026-03-01T10:00:00.123456789Z");
        AuditEvent first = store().append(when, "cli:root", "approve", "dev-a", "was pending");
        AuditEvent second = store().append(at(5), "admin-api", "deny", "dev-b", "");

        String text = "0".repeat(64) + "\n1\n2026-03-01T10:00:00.123Z\ncli:root\napprove\ndev-a\nwas pending";
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.at()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
        assertThat(first.prevHash()).isEqualTo(AuditHashes.GENESIS);
        assertThat(first.hash()).isEqualTo(HexFormat.of().formatHex(Samples.sha256(text)));
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(HexFormat.of().formatHex(Samples.sha256(
                first.hash() + "\n2\n2026-03-01T10:00:05Z\nadmin-api\ndeny\ndev-b\n")));
        assertThat(store().events(1, 10)).containsExactly(first, second);
        assertThat(store().verify()).isEmpty();
    }

    @Test
    default void eventsArePagedBySequence() throws Exception {
        appendThree();

        assertThat(store().events(2, 1)).extracting(AuditEvent::seq).containsExactly(2L);
        assertThat(store().events(2, 10)).extracting(AuditEvent::seq).containsExactly(2L, 3L);
        assertThat(store().events(4, 10)).isEmpty();
    }

    @Test
    default void refusesFieldsThatWouldMakeTheHashAmbiguous() throws Exception {
        long revision = store().revision();

        assertThatThrownBy(() -> store().append(at(1), "cli:root", "approve", "dev-a", "line\nbreak"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().append(at(1), "cli\r", "approve", "dev-a", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().events(1, 10)).isEmpty();
        assertThat(store().revision()).isEqualTo(revision);
    }

    @Test
    default void theLogIsAppendOnlyEvenForRawSql() throws Exception {
        appendThree();

        assertThatThrownBy(() -> sql("UPDATE audit SET detail = 'nothing happened' WHERE seq = 2"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("DELETE FROM audit WHERE seq = 3")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("DELETE FROM audit")).isInstanceOf(SQLException.class);

        assertThat(store().events(1, 10)).hasSize(3);
        assertThat(store().verify()).isEmpty();
    }

    @Test
    default void anEmptyLogVerifies() throws Exception {
        assertThat(store().verify()).isEmpty();
    }

    @Test
    default void verifyNamesAnEditedEntry() throws Exception {
        appendThree();

        tamper("UPDATE audit SET detail = 'reason superseded' WHERE seq = 2");

        assertThat(store().verify()).contains("entry 2: hash does not match its contents");
    }

    @Test
    default void verifyNamesAnEditWhoseHashWasRecomputed() throws Exception {
        appendThree();
        AuditEvent two = store().events(2, 1).getFirst();
        String forged = AuditHashes.hash(two.prevHash(), 2, two.at(), "nobody", two.action(), two.subject(), two.detail());

        tamper("UPDATE audit SET actor = 'nobody', hash = '" + forged + "' WHERE seq = 2");

        assertThat(store().verify()).contains("entry 3: previous hash does not match entry 2");
    }

    @Test
    default void verifyNamesADeletedEntry() throws Exception {
        appendThree();

        tamper("DELETE FROM audit WHERE seq = 2");

        assertThat(store().verify()).contains("entry 2 missing");
    }

    @Test
    default void verifyNamesADeletedLastEntry() throws Exception {
        appendThree();

        tamper("DELETE FROM audit WHERE seq = 3");

        assertThat(store().verify()).contains("entry 3 missing (the log head is entry 3)");
    }

    @Test
    default void concurrentAppendsFromTwoStoresKeepOneGaplessChain() throws Exception {
        int perThread = 200;
        try (GatewayStore other = second(); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<AuditEvent>>> results = new ArrayList<>();
            for (GatewayStore s : List.of(store(), other)) {
                String actor = s == other ? "second" : "first";
                Callable<List<AuditEvent>> appender = () -> {
                    start.await();
                    List<AuditEvent> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(s.append(at(i), actor, "probe", "n" + i, ""));
                    }
                    return mine;
                };
                results.add(pool.submit(appender));
            }
            start.countDown();
            List<AuditEvent> returned = new ArrayList<>();
            for (Future<List<AuditEvent>> f : results) {
                returned.addAll(f.get());
            }

            List<AuditEvent> log = store().events(1, 10 * perThread);
            assertThat(log).extracting(AuditEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * perThread).boxed().toList());
            assertThat(log).containsExactlyInAnyOrderElementsOf(returned);
            assertThat(log).filteredOn(e -> e.actor().equals("second")).hasSize(perThread);
            assertThat(store().verify()).isEmpty();
            assertThat(other.verify()).isEmpty();
        }
    }
}
