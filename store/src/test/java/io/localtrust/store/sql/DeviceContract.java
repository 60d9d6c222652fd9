package io.localtrust.store.sql;

import io.localtrust.store.ApprovalState;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.localtrust.store.sql.Samples.at;
import static io.localtrust.store.sql.Samples.devId;
import static io.localtrust.store.sql.Samples.register;
import static io.localtrust.store.sql.Samples.spki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Devices, keys and approval state: every backend behaves like this. */
interface DeviceContract extends StoreFixture {

    @Test
    default void newDeviceStartsPendingWithItsIdentities() throws Exception {
        DeviceRecord d = register(store(), 1, "printer.home.arpa", "192.168.1.20");

        assertThat(d).isEqualTo(new DeviceRecord(devId(1), spki(1), ApprovalState.PENDING,
                List.of("printer.home.arpa", "192.168.1.20"), at(1), at(1)));
        assertThat(store().device(devId(1))).contains(d);
        assertThat(store().deviceByKey(spki(1))).contains(d);
        assertThat(store().device(devId(2))).isEmpty();
        assertThat(store().deviceByKey(spki(2))).isEmpty();
    }

    @Test
    default void registeringAgainMergesIdentitiesInOrderAndKeepsState() throws Exception {
        register(store(), 1, "printer.home.arpa");
        store().setState(devId(1), ApprovalState.APPROVED, at(5));

        DeviceRecord d = store().register(devId(1), spki(1), List.of("192.168.1.20", "printer.home.arpa",
                "192.168.1.20"), at(9));

        assertThat(d.identities()).containsExactly("printer.home.arpa", "192.168.1.20");
        assertThat(d.state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(d.firstSeen()).isEqualTo(at(1));
        assertThat(d.updated()).isEqualTo(at(5));
    }

    @Test
    default void registeringWithNothingNewWritesNothing() throws Exception {
        register(store(), 1, "printer.home.arpa");
        long revision = store().revision();

        DeviceRecord again = store().register(devId(1), spki(1), List.of("printer.home.arpa"), at(30));

        assertThat(again.firstSeen()).isEqualTo(at(1));
        assertThat(store().revision()).isEqualTo(revision);
    }

    @Test
    default void refusesAKeyAlreadyBoundToAnotherDevice() throws Exception {
        register(store(), 1, "printer.home.arpa");
        Samples.Snapshot before = Samples.Snapshot.of(store());

        assertThatThrownBy(() -> store().register(devId(2), spki(1), List.of("camera.home.arpa"), at(2)))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("already bound to device " + devId(1));
                });
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
        assertThat(store().device(devId(2))).isEmpty();
    }

    @Test
    default void refusesADevIdWithAnotherKey() throws Exception {
        register(store(), 1);
        Samples.Snapshot before = Samples.Snapshot.of(store());

        assertThatThrownBy(() -> store().register(devId(1), spki(2), List.of("x.home.arpa"), at(2)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
    }

    @Test
    default void approvalChangesStateAndIsAuditedInTheSameWrite() throws Exception {
        register(store(), 1, "printer.home.arpa");
        long revision = store().revision();

        DeviceRecord d = store().setState(devId(1), ApprovalState.APPROVED, at(40), "admin-api", "in the console");

        assertThat(d.state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(d.updated()).isEqualTo(at(40));
        assertThat(store().revision()).isEqualTo(revision + 1);
        List<AuditEvent> log = store().events(1, 10);
        assertThat(log).hasSize(1);
        assertThat(log.getFirst()).extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::subject,
                AuditEvent::detail, AuditEvent::at)
                .containsExactly("approve", "admin-api", devId(1), "in the console", at(40));

        store().setState(devId(1), ApprovalState.DENIED, at(41), "cli:root", "");
        store().setState(devId(1), ApprovalState.PENDING, at(42), "cli:root", "");
        assertThat(store().events(2, 10)).extracting(AuditEvent::action).containsExactly("deny", "reopen");
    }

    @Test
    default void settingTheStateWithoutAnActorWritesNoAuditEntry() throws Exception {
        register(store(), 1);
        long revision = store().revision();

        assertThat(store().setState(devId(1), ApprovalState.APPROVED, at(7)).state()).isEqualTo(ApprovalState.APPROVED);

        assertThat(store().revision()).isEqualTo(revision + 1);
        assertThat(store().events(1, 10)).isEmpty();
    }

    @Test
    default void settingTheSameStateWritesNothing() throws Exception {
        register(store(), 1);
        store().setState(devId(1), ApprovalState.DENIED, at(3), "cli:root", "");
        long revision = store().revision();

        DeviceRecord d = store().setState(devId(1), ApprovalState.DENIED, at(50), "cli:root", "again");

        assertThat(d.updated()).isEqualTo(at(3));
        assertThat(store().revision()).isEqualTo(revision);
        assertThat(store().events(1, 10)).hasSize(1);
    }

    @Test
    default void settingTheStateOfAnUnknownDeviceIsNotFound() {
        assertThatThrownBy(() -> store().setState(devId(9), ApprovalState.APPROVED, at(1), "cli:root", ""))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    default void devicesAreListedOldestFirst() throws Exception {
        GatewayStore s = store();
        s.register(devId(3), spki(3), List.of("c.home.arpa"), at(10));
        s.register(devId(1), spki(1), List.of("a.home.arpa", "10.0.0.1"), at(11));
        s.register(devId(2), spki(2), List.of(), at(12));

        assertThat(s.devices()).extracting(DeviceRecord::devId).containsExactly(devId(3), devId(1), devId(2));
        assertThat(s.devices().get(1).identities()).containsExactly("a.home.arpa", "10.0.0.1");
        assertThat(s.devices().get(2).identities()).isEmpty();
    }
}
