package io.localtrust.localdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zone's names come from memory: the store is asked at most once per refresh, or at once after a write here. */
class BoundNamesTest {
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    @TempDir
    Path tmp;
    GatewayStore store;
    CountingNames counted;
    TestClock clock = new TestClock(T0);
    BoundNames names;

    @BeforeEach
    void open() throws Exception {
        store = GatewayStores.create(tmp.resolve("gw"));
        store.register("dev-printer", "spki-printer", List.of("printer.home.arpa"), T0);
        store.register("dev-cam", "spki-cam", List.of("cam.home.arpa"), T0);
        store.bind("printer.home.arpa", "192.168.1.20", "dev-printer", T0);
        counted = new CountingNames(store);
        names = new BoundNames(counted, clock, Duration.ofMillis(250));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aBurstOfQueriesReadsTheStoreOncePerRefreshInterval() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            assertThat(names.current().byName()).containsKey("printer.home.arpa");
        }
        assertThat(counted.revisionReads).hasValue(1);
        assertThat(counted.bindingReads).hasValue(1);

        clock.advance(Duration.ofMillis(249));
        names.current();
        assertThat(counted.revisionReads).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        for (int i = 0; i < 1000; i++) {
            names.current();
        }
        assertThat(counted.revisionReads).as("once more after 250 ms").hasValue(2);
        assertThat(counted.bindingReads).as("the revision did not move: the bindings are not read again").hasValue(1);
    }

    @Test
    void aWriteByThisProcessIsSeenAtOnceAndOneByAnotherWithinTheInterval() throws Exception {
        names.current();
        store.bind("cam.home.arpa", "192.168.1.30", "dev-cam", T0);
        assertThat(names.current().byName()).as("written here: seen without waiting").containsKey("cam.home.arpa");

        try (GatewayStore other = GatewayStores.open(tmp.resolve("gw"))) { // as the CLI beside a running gateway
            other.bind("printer.home.arpa", "192.168.1.21", "dev-printer", T0);
        }
        assertThat(names.current().byName().get("printer.home.arpa").address()).isEqualTo("192.168.1.20");
        clock.advance(Duration.ofMillis(250));
        assertThat(names.current().byName().get("printer.home.arpa").address()).isEqualTo("192.168.1.21");
    }
}
