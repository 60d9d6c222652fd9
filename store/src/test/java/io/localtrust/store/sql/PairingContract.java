package io.localtrust.store.sql;

import static io.localtrust.store.sql.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.AcmeStore.AccountStatus;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.PairingStore.PairingGrant;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Pairing grants (External Account Binding): every backend behaves like this. */
interface PairingContract extends StoreFixture {

    private static PairingGrant grant(String kid, int created, int until, String... names) {
        return new PairingGrant(kid, List.of(names), at(created), at(until), "cli:root", Optional.empty(), Optional.empty());
    }

    private static AcmeAccount account(String id, String thumbprint) {
        return new AcmeAccount(id, thumbprint, "{\"kty\":\"EC\"}", AccountStatus.VALID, List.of(), at(0), 1);
    }

    @Test
    default void grantsAreStoredWithTheirAuditEntryAndListedNewestFirst() throws Exception {
        store().addPairingGrant(grant("kid1", 0, 600, "printer.home.arpa", "192.168.1.20"));
        store().addPairingGrant(grant("kid2", 5, 605));

        assertThat(store().pairingGrant("kid1")).contains(grant("kid1", 0, 600, "printer.home.arpa", "192.168.1.20"));
        assertThat(store().pairingGrants()).extracting(PairingGrant::kid).containsExactly("kid2", "kid1");
        assertThat(store().pairingGrant("nope")).isEmpty();
        assertThat(store().events(1, 10)).extracting(AuditEvent::action, AuditEvent::subject, AuditEvent::detail).containsExactly(
                Tuple.tuple("pair", "kid1", "printer.home.arpa, 192.168.1.20; until 2026-03-01T10:10:00Z"),
                Tuple.tuple("pair", "kid2", "any name; until 2026-03-01T10:10:05Z"));
        assertThatThrownBy(() -> store().addPairingGrant(grant("kid1", 9, 99)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        try (GatewayStore other = second()) {
            assertThat(other.pairingGrant("kid2")).isPresent();
        }
    }

    @Test
    default void aGrantIsRedeemedOnceBeforeItEndsAndThenCoversItsHoldersNames() throws Exception {
        store().addPairingGrant(grant("kid1", 0, 600, "printer.home.arpa"));
        store().addPairingGrant(grant("kid2", 0, 60));

        assertThat(store().redeemPairingGrant("kid1", "acme:a1", at(10))).isTrue();
        assertThat(store().redeemPairingGrant("kid1", "acme:a2", at(11))).as("a replay").isFalse();
        long revision = store().revision();
        assertThat(store().redeemPairingGrant("kid2", "acme:a2", at(60))).as("ended").isFalse();
        assertThat(store().revision()).isEqualTo(revision);
        assertThatThrownBy(() -> store().redeemPairingGrant("kid9", "acme:a2", at(12)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));

        PairingGrant redeemed = store().pairingGrant("kid1").orElseThrow();
        assertThat(redeemed.holder()).contains("acme:a1");
        assertThat(redeemed.boundAt()).contains(at(10));
        assertThat(store().pairingGrantsOf("acme:a1")).containsExactly(redeemed);
        assertThat(store().pairingGrantsOf("acme:a2")).isEmpty();
        assertThat(redeemed.covers(List.of("printer.home.arpa"), at(599))).isTrue();
        assertThat(redeemed.covers(List.of("printer.home.arpa", "nas.home.arpa"), at(20))).isFalse();
        assertThat(redeemed.covers(List.of("printer.home.arpa"), at(600))).as("ended").isFalse();
        assertThat(store().events(1, 10)).last().extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::subject)
                .containsExactly("pair-redeem", "acme:a1", "kid1");
    }

    @Test
    default void anAccountAndItsRedemptionAreOneTransaction() throws Exception {
        store().addPairingGrant(grant("kid1", 0, 600));
        store().addAccount(account("a0", "tp0"));

        assertThatThrownBy(() -> store().addAccount(account("a1", "tp0"), "kid1", "acme:a1", at(5)))
                .as("the key is an account's already")
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(store().pairingGrant("kid1").orElseThrow().holder()).as("not redeemed by a failed account").isEmpty();

        store().addAccount(account("a1", "tp1"), "kid1", "acme:a1", at(6));
        assertThat(store().account("a1")).isPresent();
        assertThat(store().pairingGrant("kid1").orElseThrow().holder()).contains("acme:a1");
        assertThatThrownBy(() -> store().addAccount(account("a2", "tp2"), "kid1", "acme:a2", at(7)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(store().account("a2")).as("no account without its redemption").isEmpty();
    }
}
