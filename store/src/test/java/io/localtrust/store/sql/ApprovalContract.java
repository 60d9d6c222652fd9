package io.localtrust.store.sql;

import io.localtrust.store.ApprovalStore.Allowance;
import io.localtrust.store.ApprovalStore.PairingCode;
import io.localtrust.store.ApprovalStore.PairingOffer;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.localtrust.store.sql.Samples.at;
import static io.localtrust.store.sql.Samples.devId;
import static io.localtrust.store.sql.Samples.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pairing codes, failed attempts and allowances: every backend behaves like this. */
interface ApprovalContract extends StoreFixture {
    String HASH = "5f1b0e6c2a".repeat(6) + "abcd";
    String HASH2 = "7a3c9d1e4b".repeat(6) + "ef01";
    String HASH3 = "0b8e2f6a5c".repeat(6) + "2345";

    /** The codes kept in clear, read from the table itself (what a dump of the store would show), in order. */
    private List<String> keptInClear() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        String next = "";
        while ((next = queryOne("SELECT MIN(shown_code) FROM pairing_codes WHERE shown_code > '" + next + "'")) != null) {
            out.add(next);
        }
        return out;
    }

    @Test
    default void aPendingDevicesOfferedCodeIsShownUntilItExpires() throws Exception {
        register(store(), 1, "printer.home.arpa");
        store().offerPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()), "K7QM4XPA", at(0));

        assertThat(store().pairingOffers(at(10))).containsExactly(new PairingOffer(HASH, devId(1), Optional.of("K7QM4XPA"), at(600)));
        assertThat(store().pairingOffers(at(10)).get(0).toString()).doesNotContain("K7QM4XPA");
        assertThat(store().pairingCode(devId(1), HASH, at(10))).as("still matched by hash").isPresent();
        assertThat(store().pairingOffers(at(600))).as("expired").isEmpty();

        // The next offer (any device's) forgets the text of every expired code.
        register(store(), 2, "camera.home.arpa");
        store().offerPairingCode(new PairingCode(HASH2, devId(2), at(1200), Optional.empty()), "HUB27QXK", at(600));
        assertThat(keptInClear()).containsExactly("HUB27QXK");
        assertThat(store().pairingOffers(at(601))).extracting(PairingOffer::devId).containsExactly(devId(2));
    }

    @Test
    default void aUsedCodeIsNoLongerShownNorKept() throws Exception {
        register(store(), 1, "printer.home.arpa");
        store().offerPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()), "K7QM4XPA", at(0));

        assertThat(store().usePairingCode(HASH, at(20))).isTrue();
        assertThat(store().pairingOffers(at(21))).isEmpty();
        assertThat(keptInClear()).isEmpty();
        assertThat(store().usePairingCode(HASH, at(22))).as("a replay").isFalse();
    }

    @Test
    default void aDecidedDevicesCodeIsNoLongerShownNorKept() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "camera.home.arpa");
        store().offerPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()), "K7QM4XPA", at(0));
        store().offerPairingCode(new PairingCode(HASH2, devId(2), at(600), Optional.empty()), "HUB27QXK", at(1));

        store().setState(devId(1), ApprovalState.APPROVED, at(10), "console", "printer.home.arpa");
        store().setState(devId(2), ApprovalState.DENIED, at(11));
        assertThat(store().pairingOffers(at(12))).isEmpty();
        assertThat(keptInClear()).isEmpty();

        store().setState(devId(2), ApprovalState.PENDING, at(13));
        assertThat(store().pairingOffers(at(14))).as("reopened: its code is usable by hash, no longer shown")
                .containsExactly(new PairingOffer(HASH2, devId(2), Optional.empty(), at(600)));
    }

    @Test
    default void aDevicesNewerCodeReplacesTheShownOneAndTheOlderStaysUsable() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "camera.home.arpa");
        store().offerPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()), "K7QM4XPA", at(0));
        store().offerPairingCode(new PairingCode(HASH3, devId(2), at(620), Optional.empty()), "CAMERA22", at(20));
        store().offerPairingCode(new PairingCode(HASH2, devId(1), at(660), Optional.empty()), "HUB27QXK", at(60));

        assertThat(store().pairingOffers(at(70))).containsExactly(
                new PairingOffer(HASH2, devId(1), Optional.of("HUB27QXK"), at(660)),
                new PairingOffer(HASH3, devId(2), Optional.of("CAMERA22"), at(620)),
                new PairingOffer(HASH, devId(1), Optional.empty(), at(600)));
        assertThat(store().usePairingCode(HASH, at(80))).isTrue();
    }

    @Test
    default void offeringACodeAlreadyStoredIsAConflictAndChangesNothing() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "camera.home.arpa");
        store().offerPairingCode(new PairingCode(HASH, devId(1), at(600), Optional.empty()), "K7QM4XPA", at(0));

        assertThatThrownBy(() -> store().offerPairingCode(new PairingCode(HASH, devId(2), at(900), Optional.empty()), "HUB27QXK",
                at(900))).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(keptInClear()).as("the refused offer forgot nothing, even the expired code").containsExactly("K7QM4XPA");
    }

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
