package io.localtrust.store.sql;

import io.localtrust.store.ApprovalStore.Allowance;
import io.localtrust.store.ApprovalStore.PairingCode;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.localtrust.store.sql.Samples.at;
import static io.localtrust.store.sql.Samples.devId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pairing codes, failed attempts and allowances: every backend behaves like this. */
interface ApprovalContract extends StoreFixture {
    String HASH = "5f1b0e6c2a".repeat(6) + "abcd";

    @Test
    default void pairingCodeIsUsableOnceBeforeItExpires() throws Exception {
        store().addPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()));

        assertThat(store().pairingCode(devId(1), HASH, at(10)))
                .contains(new PairingCode(HASH, devId(1), at(600), Optional.empty()));
        assertThat(store().usePairingCode(HASH, at(20))).isTrue();
        assertThat(store().usePairingCode(HASH, at(21))).as("a replay").isFalse();
        assertThat(store().pairingCode(devId(1), HASH, at(22))).isEmpty();
    }

    @Test
    default void pairingCodeIsNotUsableForAnotherDeviceOrAfterExpiry() throws Exception {
        store().addPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()));

        assertThat(store().pairingCode(devId(2), HASH, at(10))).isEmpty();
        assertThat(store().pairingCode(devId(1), HASH, at(600))).isEmpty();
        long revision = store().revision();
        assertThat(store().usePairingCode(HASH, at(600))).isFalse();
        assertThat(store().revision()).isEqualTo(revision);
    }

    @Test
    default void usingAPairingCodeNeverStoredIsNotFound() {
        assertThatThrownBy(() -> store().usePairingCode(HASH, at(1)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    default void storingTheSamePairingCodeTwiceIsAConflict() throws Exception {
        store().addPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()));

        assertThatThrownBy(() -> store().addPairingCode(new PairingCode(HASH, devId(2), at(900), Optional.empty())))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(store().pairingCode(devId(1), HASH, at(1))).isPresent();
    }

    @Test
    default void pairingFailuresAreCountedWithinTheWindow() throws Exception {
        Duration minute = Duration.ofMinutes(1);
        assertThat(store().recordPairingFailure(devId(1), at(0), minute)).isEqualTo(1);
        assertThat(store().recordPairingFailure(devId(1), at(30), minute)).isEqualTo(2);
        assertThat(store().recordPairingFailure(devId(2), at(31), minute)).isEqualTo(1);
        assertThat(store().recordPairingFailure(devId(1), at(59), minute)).isEqualTo(3);
        assertThat(store().recordPairingFailure(devId(1), at(60), minute)).as("the first fell out").isEqualTo(3);
        assertThat(store().recordPairingFailure(devId(1), at(200), minute)).isEqualTo(1);
        assertThat(store().pairingFailures(devId(1), at(201), minute)).as("reading does not count").isEqualTo(1);
        assertThat(store().pairingFailures(devId(1), at(201), minute)).isEqualTo(1);
        assertThat(store().pairingFailures(devId(2), at(201), minute)).isZero();
    }

    @Test
    default void allowancesAreOpenUntilTheirEndAndAudited() throws Exception {
        store().allow(new Allowance("printer.home.arpa", at(600), "cli:root"), at(0));
        store().allow(new Allowance("cam.home.arpa", at(300), "admin-api"), at(1));

        assertThat(store().allowances(at(2))).containsExactly(new Allowance("cam.home.arpa", at(300), "admin-api"),
                new Allowance("printer.home.arpa", at(600), "cli:root"));
        assertThat(store().allowances(at(300))).extracting(Allowance::identity).containsExactly("printer.home.arpa");
        assertThat(store().allowances(at(600))).isEmpty();
        List<AuditEvent> log = store().events(1, 10);
        assertThat(log).extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::subject, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("allow", "cli:root", "printer.home.arpa",
                                "until 2026-03-01T10:10:00Z"),
                        org.assertj.core.groups.Tuple.tuple("allow", "admin-api", "cam.home.arpa",
                                "until 2026-03-01T10:05:00Z"));
    }

    @Test
    default void anAllowanceWithoutATimeWritesNoAuditEntry() throws Exception {
        store().allow(new Allowance("printer.home.arpa", at(600), "cli:root"));

        assertThat(store().allowances(at(0))).extracting(Allowance::identity).containsExactly("printer.home.arpa");
        assertThat(store().events(1, 10)).isEmpty();
    }

    @Test
    default void aLaterAllowanceForTheSameNameReplacesTheEarlier() throws Exception {
        store().allow(new Allowance("printer.home.arpa", at(600), "cli:root"), at(0));
        store().allow(new Allowance("printer.home.arpa", at(60), "admin-api"), at(5));

        assertThat(store().allowances(at(10))).containsExactly(new Allowance("printer.home.arpa", at(60), "admin-api"));
        assertThat(store().allowances(at(61))).isEmpty();
    }
}
