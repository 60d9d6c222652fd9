package io.localtrust.store.sql;

import static io.localtrust.store.sql.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.ScanStore.ScanReport;
import io.localtrust.store.ScanStore.ScanState;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Console scans and their reports: every backend behaves like this. */
interface ScanContract extends StoreFixture {

    private static Map<String, Integer> counts(int none, int nuss, int uls) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("NONE", none);
        m.put("NU_SS", nuss);
        m.put("U_LS", uls);
        return m;
    }

    @Test
    default void aScanIsStartedWithItsAuditEntryThenFinishedWithItsReport() throws Exception {
        ScanRecord running = store().startScan("s1", List.of("127.0.10.1-20", "127.0.0.1:8443"), at(0), "console", "from 127.0.0.1");

        assertThat(running).isEqualTo(new ScanRecord("s1", "console", List.of("127.0.10.1-20", "127.0.0.1:8443"), at(0),
                ScanState.RUNNING, Optional.empty(), Map.of(), 0, Optional.empty()));
        assertThat(store().events(1, 10)).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::subject, AuditEvent::detail)
                .containsExactly(Tuple.tuple("console", "scan", "s1", "127.0.10.1-20 127.0.0.1:8443; from 127.0.0.1"));
        assertThat(store().scanReport("s1")).as("no report while running").isEmpty();

        String html = "<!doctype html><p>" + "é".repeat(100_000);
        store().finishScan("s1", at(7), counts(1, 2, 3), 6, new ScanReport("{\"schema\":\"localtrust.scan/1\"}", html));

        ScanRecord done = store().scan("s1").orElseThrow();
        assertThat(done.state()).isEqualTo(ScanState.FINISHED);
        assertThat(done.finished()).contains(at(7));
        assertThat(done.summary()).containsExactly(Map.entry("NONE", 1), Map.entry("NU_SS", 2), Map.entry("U_LS", 3));
        assertThat(done.devices()).isEqualTo(6);
        assertThat(store().scanReport("s1")).contains(new ScanReport("{\"schema\":\"localtrust.scan/1\"}", html));
        try (GatewayStore other = second()) {
            assertThat(other.scan("s1")).contains(done);
            assertThat(other.scanReport("s1").orElseThrow().html()).hasSize(html.length());
        }
        assertThat(store().verify()).isEmpty();
    }

    @Test
    default void oneScanRunsAtATimeAndOnlyARunningScanEnds() throws Exception {
        store().startScan("s1", List.of("10.0.0.0/24"), at(0), "console", "");
        assertThatThrownBy(() -> store().startScan("s2", List.of("10.0.1.0/24"), at(1), "console", ""))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(store().scan("s2")).as("nothing stored").isEmpty();
        assertThat(store().events(1, 10)).hasSize(1);

        store().failScan("s1", at(2), "the scanner failed: out of memory");
        assertThat(store().scan("s1").orElseThrow()).extracting(ScanRecord::state, ScanRecord::finished, ScanRecord::error)
                .containsExactly(ScanState.FAILED, Optional.of(at(2)), Optional.of("the scanner failed: out of memory"));
        assertThatThrownBy(() -> store().finishScan("s1", at(3), counts(0, 0, 0), 0, new ScanReport("{}", "<p>")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThatThrownBy(() -> store().failScan("nope", at(3), "x"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(store().scanReport("s1")).isEmpty();

        store().startScan("s2", List.of("10.0.1.0/24"), at(4), "console", "");
        assertThatThrownBy(() -> store().startScan("s2", List.of("10.0.1.0/24"), at(5), "console", ""))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThatThrownBy(() -> store().startScan("s3", List.of("a\nb"), at(5), "console", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void abandonedScansFailAndHistoryIsNewestFirst() throws Exception {
        store().startScan("s1", List.of("10.0.0.1"), at(0), "console", "");
        store().finishScan("s1", at(1), counts(1, 0, 0), 1, new ScanReport("{}", "<p>1"));
        store().startScan("s2", List.of("10.0.0.2"), at(10), "console", "");
        long revision = store().revision();

        assertThat(store().abandonScans(at(20), "the gateway stopped before the scan finished")).isEqualTo(1);
        assertThat(store().abandonScans(at(21), "again")).as("nothing running").isZero();
        assertThat(store().revision()).isEqualTo(revision + 1);
        assertThat(store().scan("s2").orElseThrow().error()).contains("the gateway stopped before the scan finished");

        store().startScan("s3", List.of("10.0.0.3"), at(30), "console", "");
        assertThat(store().scans(10)).extracting(ScanRecord::id, ScanRecord::state).containsExactly(
                Tuple.tuple("s3", ScanState.RUNNING), Tuple.tuple("s2", ScanState.FAILED), Tuple.tuple("s1", ScanState.FINISHED));
        assertThat(store().scans(2)).extracting(ScanRecord::id).containsExactly("s3", "s2");
    }
}
